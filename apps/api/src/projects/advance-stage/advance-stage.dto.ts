import { IsLocalDate } from '../../shared/dto/common.dto';

export class AdvanceStageDto {
  /** The business date the stage was reached: not before the previous milestone, not after today. */
  @IsLocalDate()
  reachedOn!: string;
}
