import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';

export class AbandonProjectDto {
  @RequiredText(2000)
  reason!: string;

  @IsLocalDate()
  abandonedOn!: string;
}
