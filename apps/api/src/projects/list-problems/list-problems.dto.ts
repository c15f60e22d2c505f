import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CITY_CODES } from '@itp/domain';
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
    description: 'YYYY-MM-DD: status and age as of this date (default: today, Asia/Shanghai)',
    example: '2014-06-30',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string;

  @FormatParam()
  format?: ExportFormat;
}
