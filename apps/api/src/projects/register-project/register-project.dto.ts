import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CAPITAL_TYPE_CODES,
  CITY_CODES,
  INDUSTRY_CODES,
  LEAD_CHANNEL_CODES,
  LEAD_STAGES,
  SHARE_MAX_DECIMALS,
  SOURCE_REGION_CODES,
  type CapitalType,
  type CityCode,
  type IndustryCode,
  type LeadChannel,
  type LeadStage,
  type SourceRegionCode,
} from '@itp/domain';
import { IsDecimalString, IsLocalDate, MoneyDto, RequiredText, ValidMoney } from '../../shared/dto/common.dto';

export class IntroducingUnitDto {
  @RequiredText(200)
  unit!: string;

  /** Exact decimal share (as many places as the domain allows); all shares of a project sum to exactly 1. */
  @IsString()
  @IsDecimalString(SHARE_MAX_DECIMALS)
  share!: string;
}

export class PromotionEventDto {
  @RequiredText(100)
  id!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

/** The details of a project, shared by registration and (all optional) amendment. */
export class ProjectDetailsDto {
  @RequiredText(200)
  name!: string;

  @RequiredText(100)
  investorId!: string;

  /** GB/T 2260 code of one of Hunan's 14 prefecture-level divisions. */
  @IsIn(CITY_CODES)
  city!: CityCode;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  parkId?: string;

  @IsIn(INDUSTRY_CODES)
  industry!: IndustryCode;

  @IsIn(CAPITAL_TYPE_CODES)
  capitalType!: CapitalType;

  @ValidMoney()
  totalInvestment!: MoneyDto;

  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsIn(SOURCE_REGION_CODES, { each: true })
  sourceRegions!: SourceRegionCode[];

  @IsIn(LEAD_CHANNEL_CODES)
  leadChannel!: LeadChannel;

  @IsOptional()
  @ValidateNested()
  @Type(() => PromotionEventDto)
  promotionEvent?: PromotionEventDto;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IntroducingUnitDto)
  introducers!: IntroducingUnitDto[];
}

export class RegisterProjectDto extends ProjectDetailsDto {
  /** A lead enters at strategy, intention or negotiating. */
  @IsIn(LEAD_STAGES)
  stage!: LeadStage;

  @IsLocalDate()
  identifiedOn!: string;
}
