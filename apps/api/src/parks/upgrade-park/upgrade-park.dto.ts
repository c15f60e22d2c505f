import { IsIn } from 'class-validator';
import { PARK_LEVEL_CODES, type ParkLevel } from '@itp/domain';
import { IsLocalDate } from '../../shared/dto/common.dto';
import { ApiCode, ApiDate, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class UpgradeParkDto {
  @ApiCode(PARK_LEVEL_CODES, { description: 'A level higher than the one the park holds' })
  @IsIn(PARK_LEVEL_CODES)
  level!: ParkLevel;

  @ApiDate({ description: 'Not after today, nor before the current level was approved' })
  @IsLocalDate()
  approvedOn!: string;
}
