import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CITY_CODES } from '@itp/domain';
import { IsLocalDate } from '../../shared/dto/common.dto';
import { DATE_PATTERN } from '../../shared/openapi/api-properties';
import { FormatParam, type ExportFormat } from '../../shared/exports/export-format';
import { PagedAsOfQueryDto } from '../../shared/queries/as-of-query.dto';

/**
 * Paged like every list (`page`, `pageSize`: 50 by default, 200 at most): at 1M events the whole list was 120,579
 * problems, 46.6 MB in one answer. Exports (`format=csv|xlsx`) hold every problem that matches.
 */
export class ListProblemsDto extends PagedAsOfQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], description: 'Status on `ageOn`' })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';

  @ApiPropertyOptional({ description: 'The joint-conference member unit the problem is assigned to' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  assignedUnit?: string;

  @ApiPropertyOptional({ enum: CITY_CODES, description: "The project's city (now)" })
  @IsOptional()
  @IsIn(CITY_CODES)
  city?: string;

  @ApiPropertyOptional({ description: 'Problems of one project' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  projectId?: string;

  @ApiPropertyOptional({
    format: 'date',
    pattern: DATE_PATTERN,
    description:
      'YYYY-MM-DD, a business date: status and age on this day (default: today in Asia/Shanghai, or the day of `asOf` when given). Was `asOf` before issue 11: `asOf` is now the recorded instant of the whole read',
    example: '2014-06-30',
  })
  @IsOptional()
  @IsLocalDate()
  ageOn?: string;

  @FormatParam()
  format?: ExportFormat;
}
