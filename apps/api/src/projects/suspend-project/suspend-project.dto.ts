import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';

export class SuspendProjectDto {
  @RequiredText(2000)
  reason!: string;

  @IsLocalDate()
  suspendedOn!: string;
}
