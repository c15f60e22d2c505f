import { IsIn, IsOptional } from 'class-validator';
import { CITY_CODES, PARK_LEVEL_CODES, type CityCode, type ParkLevel } from '@itp/domain';
import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';

export class RegisterParkDto {
  @RequiredText(200)
  name!: string;

  @IsIn(CITY_CODES)
  city!: CityCode;

  @IsIn(PARK_LEVEL_CODES)
  level!: ParkLevel;

  /** When the current level was approved, if known. */
  @IsOptional()
  @IsLocalDate()
  levelApprovedOn?: string;
}
