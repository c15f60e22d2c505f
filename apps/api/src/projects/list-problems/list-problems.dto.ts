import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CITY_CODES } from '@itp/domain';
import { IsLocalDate } from '../../shared/dto/common.dto';
import { DATE_PATTERN } from '../../shared/openapi/api-properties';
import { FormatParam, type ExportFormat } from '../../shared/exports/export-format';
import { FreshQueryDto } from '../../shared/queries/fresh-query.dto';

export class ListProblemsDto extends FreshQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'], description: 'Status as of `asOf`' })
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
    description: 'YYYY-MM-DD: status and age as of this date (default: today, Asia/Shanghai)',
    example: '2014-06-30',
  })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;

  @FormatParam()
  format?: ExportFormat;
}
