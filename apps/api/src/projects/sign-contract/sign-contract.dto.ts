import { IsLocalDate } from '../../shared/dto/common.dto';
import { ApiDate, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class SignProjectContractDto {
  @ApiDate({ description: 'Not after today, nor before the last milestone' })
  @IsLocalDate()
  signedOn!: string;
}
