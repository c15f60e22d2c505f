import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { FormatParam, type ExportFormat } from '../../shared/exports/export-format';
import { AsOfQueryDto } from '../../shared/queries/as-of-query.dto';

export class QuarterlyBulletinDto extends AsOfQueryDto {
  @ApiProperty({ pattern: '^(19|20|21)[0-9]{2}-Q[1-4]$', example: '2014-Q2', description: 'YYYY-Qn, 1900-2199' })
  @Matches(/^(19|20|21)\d{2}-Q[1-4]$/, { message: 'quarter must be a quarter YYYY-Qn, e.g. 2014-Q2' })
  quarter!: string;

  @FormatParam()
  format?: ExportFormat;
}
