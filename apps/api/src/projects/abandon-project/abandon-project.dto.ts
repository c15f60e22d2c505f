import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';
import { ApiDate, ApiText, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class AbandonProjectDto {
  @ApiText(1000)
  @RequiredText(1000)
  reason!: string;

  @ApiDate({ description: 'Not after today, nor before the last milestone' })
  @IsLocalDate()
  abandonedOn!: string;
}
