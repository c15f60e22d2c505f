import { IsIn, IsOptional } from 'class-validator';
import { CITY_CODES, PARK_LEVEL_CODES, type CityCode, type ParkLevel } from '@itp/domain';
import { IsLocalDate, RequiredText } from '../../shared/dto/common.dto';
import { ApiCode, ApiDate, ApiText, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class RegisterParkDto {
  @ApiText(200)
  @RequiredText(200)
  name!: string;

  @ApiCode(CITY_CODES, { description: 'GB/T 2260 code' })
  @IsIn(CITY_CODES)
  city!: CityCode;

  @ApiCode(PARK_LEVEL_CODES)
  @IsIn(PARK_LEVEL_CODES)
  level!: ParkLevel;

  /** When the current level was approved, if known. */
  @ApiDate({
    required: false,
    nullable: true,
    description: 'When the current level was approved, if known (null: not known); not after today',
  })
  @IsOptional()
  @IsLocalDate()
  levelApprovedOn?: string | null;
}
