import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { FreshQueryDto } from '../../shared/queries/fresh-query.dto';

export class MonthlyDispatchDto extends FreshQueryDto {
  @ApiProperty({ example: '2014-06', description: 'YYYY-MM' })
  @Matches(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, { message: 'month must be a month YYYY-MM' })
  month!: string;
}
