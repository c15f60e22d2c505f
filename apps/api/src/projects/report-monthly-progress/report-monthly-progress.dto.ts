import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsYearMonth, MoneyDto, ValidMoney, OptionalField } from '../../shared/dto/common.dto';
import { ApiMonth, ApiText, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class ReportMonthlyProgressDto {
  @ApiMonth({ description: 'The month reported (YYYY-MM), not before the signing month nor after this month' })
  @IsYearMonth()
  month!: string;

  /** Cumulative investment completed up to the end of the month. */
  @ApiProperty({ type: MoneyDto, description: 'Cumulative investment completed up to the end of the month' })
  @ValidMoney()
  investmentCompletedToDate!: MoneyDto;

  /** Required when the month was reported before with another figure. */
  @ApiText(1000, { required: false, description: 'Required when the month was reported before with another figure' })
  @OptionalField()
  @IsString()
  @MaxLength(1000)
  correctionReason?: string;
}
