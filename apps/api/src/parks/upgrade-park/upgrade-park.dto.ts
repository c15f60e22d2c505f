import { IsIn } from 'class-validator';
import { PARK_LEVEL_CODES, type ParkLevel } from '@itp/domain';
import { IsLocalDate } from '../../shared/dto/common.dto';

export class UpgradeParkDto {
  @IsIn(PARK_LEVEL_CODES)
  level!: ParkLevel;

  @IsLocalDate()
  approvedOn!: string;
}
