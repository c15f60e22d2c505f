import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsYearMonth, MoneyDto, ValidMoney } from '../../shared/dto/common.dto';

export class ReportMonthlyProgressDto {
  @IsYearMonth()
  month!: string;

  /** Cumulative investment completed up to the end of the month. */
  @ValidMoney()
  investmentCompletedToDate!: MoneyDto;

  /** Required when the month was reported before with another figure. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  correctionReason?: string;
}
