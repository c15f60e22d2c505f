import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';
import { ApiDate, ApiText, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class SuspendProjectDto {
  @ApiText(1000)
  @RequiredText(1000)
  reason!: string;

  @ApiDate({ description: 'Not after today, nor before the last milestone' })
  @IsLocalDate()
  suspendedOn!: string;
}
