import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { FormatParam, type ExportFormat } from '../exports/export-format';
import { AsOfQueryDto } from './as-of-query.dto';

export class YearQueryDto extends AsOfQueryDto {
  @ApiProperty({ type: 'integer', minimum: 1990, maximum: 2100, example: 2014, description: 'Calendar year' })
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2100)
  year!: number;

  @FormatParam()
  format?: ExportFormat;
}
