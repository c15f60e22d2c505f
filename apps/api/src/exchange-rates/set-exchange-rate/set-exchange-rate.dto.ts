import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsDecimalString, IsLocalDate, OptionalField } from '../../shared/dto/common.dto';
import { ApiCode, ApiDate, ApiDecimal, ApiText, ClosedBody } from '../../shared/openapi/api-properties';

@ClosedBody()
export class SetExchangeRateDto {
  @ApiCode(['USD'])
  @IsIn(['USD'])
  base!: 'USD';

  @ApiCode(['CNY'])
  @IsIn(['CNY'])
  quote!: 'CNY';

  /** 1 base = rate quote, exact decimal. */
  @ApiDecimal(6, {
    positive: true,
    digits: 6,
    description: '1 base = rate quote, exact decimal > 0',
    example: '6.1428',
  })
  @IsString()
  @IsDecimalString(6)
  rate!: string;

  @ApiDate({ description: 'The first day the rate is in force' })
  @IsLocalDate()
  effectiveOn!: string;

  @ApiText(200, { required: false })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  source?: string;

  /** Required when it replaces a different rate for the same date. */
  @ApiText(500, { required: false, description: 'Required when it replaces a different rate for the same date' })
  @OptionalField()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
