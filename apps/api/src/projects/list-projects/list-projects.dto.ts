import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CAPITAL_TYPE_CODES, CITY_CODES, INDUSTRY_CODES, PROJECT_STAGE_CODES, SOURCE_REGION_CODES } from '@itp/domain';
import { IsLocalDate } from '../../shared/dto/common.dto';
import { DATE_PATTERN } from '../../shared/openapi/api-properties';
import { FormatParam, type ExportFormat } from '../../shared/exports/export-format';
import { PagedAsOfQueryDto } from '../../shared/queries/as-of-query.dto';

export const PROJECT_SORTS = [
  'name',
  '-name',
  'registeredOn',
  '-registeredOn',
  'identifiedOn',
  '-identifiedOn',
  'totalInvestment',
  '-totalInvestment',
  'updatedAt',
  '-updatedAt',
] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export const PROJECT_STATUSES = ['active', 'suspended', 'abandoned'] as const;

/** Query strings carry text: "true"/"false" become booleans, anything else stays and fails validation. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListProjectsDto extends PagedAsOfQueryDto {
  @ApiPropertyOptional({ enum: CITY_CODES, description: 'GB/T 2260 code' })
  @IsOptional()
  @IsIn(CITY_CODES)
  city?: string;

  @ApiPropertyOptional({ enum: PROJECT_STAGE_CODES })
  @IsOptional()
  @IsIn(PROJECT_STAGE_CODES)
  stage?: string;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: INDUSTRY_CODES })
  @IsOptional()
  @IsIn(INDUSTRY_CODES)
  industry?: string;

  @ApiPropertyOptional({ enum: SOURCE_REGION_CODES, description: 'Projects tagged with this source region' })
  @IsOptional()
  @IsIn(SOURCE_REGION_CODES)
  sourceRegion?: string;

  @ApiPropertyOptional({ enum: CAPITAL_TYPE_CODES })
  @IsOptional()
  @IsIn(CAPITAL_TYPE_CODES)
  capitalType?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: business registration recorded and counted; false: not (yet) counted',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  countsTowardTarget?: boolean;

  @ApiPropertyOptional({ description: 'Projects this unit is credited with introducing (now)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  introducingUnit?: string;

  @ApiPropertyOptional({ description: 'Text contained in the project name, case-insensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: PROJECT_SORTS,
    default: 'name',
    description: 'A leading "-" sorts descending; totalInvestment sorts by the CNY equivalent',
  })
  @IsOptional()
  @IsIn(PROJECT_SORTS)
  sort?: ProjectSort;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: only projects stale on `referenceDate` (a month after signing without a progress report recorded by day ITP_PROGRESS_DUE_DAY ' +
      'of the following month: README, "Stale projects"); false: only the others. Each item then ' +
      'carries `staleness: { stale, missingMonths }`',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  stale?: boolean;

  @ApiPropertyOptional({
    format: 'date',
    pattern: DATE_PATTERN,
    description: 'YYYY-MM-DD: the date staleness is judged on (default: today, Asia/Shanghai)',
    example: '2014-12-31',
  })
  @IsOptional()
  @IsLocalDate()
  referenceDate?: string;

  @FormatParam()
  format?: ExportFormat;
}
