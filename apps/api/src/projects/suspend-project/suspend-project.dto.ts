import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';

export class SuspendProjectDto {
  @RequiredText(1000)
  reason!: string;

  @IsLocalDate()
  suspendedOn!: string;
}
