import { IsLocalDate } from '../../shared/dto/common.dto';

export class SignProjectContractDto {
  @IsLocalDate()
  signedOn!: string;
}
