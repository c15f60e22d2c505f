import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { IsDecimalString, IsLocalDate, PositiveMoneyDto, RequiredText, ValidMoney } from '../../shared/dto/common.dto';
import { ApiCode, ApiDate, ApiId, ApiPattern, ApiText, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class IntroducingUnitDto {
  @ApiText(200, { description: 'The unit credited with introducing the project' })
  @RequiredText(200)
  unit!: string;

  /** Exact decimal share (as many places as the domain allows); all shares of a project sum to exactly 1. */
  @ApiPattern(
    `^(1(\\.0{1,${SHARE_MAX_DECIMALS}})?|0\\.(${Array.from({ length: SHARE_MAX_DECIMALS }, (_, zeros) => `0{${zeros}}[1-9][0-9]{0,${SHARE_MAX_DECIMALS - 1 - zeros}}`).join('|')}))$`,
    `must be a decimal in (0, 1] with at most ${SHARE_MAX_DECIMALS} places`,
    {
      description: `Exact decimal share in (0, 1], at most ${SHARE_MAX_DECIMALS} places; the shares of a project sum to exactly 1`,
      example: '1',
    },
  )
  @IsString()
  @IsDecimalString(SHARE_MAX_DECIMALS)
  share!: string;
}

@ClosedBody()
export class PromotionEventDto {
  @ApiId(100, { description: 'The promotion event (招商活动) id' })
  @RequiredText(100)
  id!: string;

  @ApiText(200, { required: false, nullable: true, description: 'Its name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;
}

/** The details of a project, shared by registration and (all optional) amendment. */
@ClosedBody()
export class ProjectDetailsDto {
  @ApiText(200)
  @RequiredText(200)
  name!: string;

  @ApiId(100, { description: 'A registered investor (GET /investors)' })
  @RequiredText(100)
  investorId!: string;

  /** GB/T 2260 code of one of Hunan's 14 prefecture-level divisions. */
  @ApiCode(CITY_CODES, { description: "GB/T 2260 code of one of Hunan's 14 prefecture-level divisions" })
  @IsIn(CITY_CODES)
  city!: CityCode;

  @ApiId(100, {
    required: false,
    nullable: true,
    description: 'A registered park (GET /parks) the project is located in; null: none (an amendment clears it)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  parkId?: string | null;

  @ApiCode(INDUSTRY_CODES)
  @IsIn(INDUSTRY_CODES)
  industry!: IndustryCode;

  @ApiCode(CAPITAL_TYPE_CODES)
  @IsIn(CAPITAL_TYPE_CODES)
  capitalType!: CapitalType;

  @ApiProperty({ type: PositiveMoneyDto })
  @ValidMoney(PositiveMoneyDto)
  totalInvestment!: PositiveMoneyDto;

  @ApiProperty({ enum: [...SOURCE_REGION_CODES], isArray: true, uniqueItems: true, maxItems: 20 })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsIn(SOURCE_REGION_CODES, { each: true })
  sourceRegions!: SourceRegionCode[];

  @ApiCode(LEAD_CHANNEL_CODES)
  @IsIn(LEAD_CHANNEL_CODES)
  leadChannel!: LeadChannel;

  @ApiPropertyOptional({
    type: PromotionEventDto,
    nullable: true,
    description: 'The promotion event the lead came from; null: none (an amendment clears it)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PromotionEventDto)
  promotionEvent?: PromotionEventDto | null;

  @ApiProperty({ type: [IntroducingUnitDto], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IntroducingUnitDto)
  introducers!: IntroducingUnitDto[];
}

@ClosedBody()
export class RegisterProjectDto extends ProjectDetailsDto {
  /** A lead enters at strategy, intention or negotiating. */
  @ApiCode(LEAD_STAGES, { description: 'A lead enters at strategy, intention or negotiating' })
  @IsIn(LEAD_STAGES)
  stage!: LeadStage;

  @ApiDate({ description: 'When the lead was identified: not after today' })
  @IsLocalDate()
  identifiedOn!: string;
}
