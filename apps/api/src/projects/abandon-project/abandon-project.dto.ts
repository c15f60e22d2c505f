import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';

export class AbandonProjectDto {
  @RequiredText(1000)
  reason!: string;

  @IsLocalDate()
  abandonedOn!: string;
}
