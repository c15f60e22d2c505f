import { IsLocalDate } from '../../shared/dto/common.dto';
import { ApiDate, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class AdvanceStageDto {
  /** The business date the stage was reached: not before the previous milestone, not after today. */
  @ApiDate({
    description: 'The business date the stage was reached: not before the previous milestone, not after today',
  })
  @IsLocalDate()
  reachedOn!: string;
}
