import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDecimalString, IsLocalDate } from '../../shared/dto/common.dto';

export class SetExchangeRateDto {
  @IsIn(['USD'])
  base!: 'USD';

  @IsIn(['CNY'])
  quote!: 'CNY';

  /** 1 base = rate quote, exact decimal. */
  @IsString()
  @IsDecimalString(6)
  rate!: string;

  @IsLocalDate()
  effectiveOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  /** Required when it replaces a different rate for the same date. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
