import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CITY_CODES, PARK_LEVEL_CODES, type CityCode, type ParkLevel } from '@itp/domain';
import { IsDecimalString, IsLocalDate, RequiredText } from '../shared/dto/common.dto';

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

export class UpgradeParkDto {
  @IsIn(PARK_LEVEL_CODES)
  level!: ParkLevel;

  @IsLocalDate()
  approvedOn!: string;
}

export class RecordFactoryCompletionDto {
  /** Completed standard factory floor area (标准厂房), m², exact decimal. */
  @IsString()
  @IsDecimalString(2)
  floorAreaSqm!: string;

  @IsLocalDate()
  completedOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}
