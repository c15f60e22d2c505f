import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CURRENCIES, type Currency } from '@itp/domain';

/** 'YYYY-MM-DD'; the domain checks that the day exists and how it relates to other milestones. */
export const IsLocalDate = () => Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' });
export const IsYearMonth = () => Matches(/^\d{4}-\d{2}$/, { message: '$property must be a month YYYY-MM' });
/** Exact decimals travel as strings: a JSON number would already have lost precision. */
export const IsDecimalString = (maxDecimals: number) =>
  Matches(new RegExp(`^(0|[1-9]\\d{0,14})(\\.\\d{1,${maxDecimals}})?$`), {
    message: `$property must be a decimal string with at most ${maxDecimals} decimals, e.g. "250000000.00"`,
  });

export class MoneyDto {
  /** Exact decimal amount as a string, at most 2 decimals. */
  @IsString()
  @IsDecimalString(2)
  amount!: string;

  @IsIn(CURRENCIES)
  currency!: Currency;
}

export const ValidMoney = () => (target: object, key: string) => {
  ValidateNested()(target, key);
  Type(() => MoneyDto)(target, key);
};

export const RequiredText = (maxLength: number) => (target: object, key: string) => {
  IsString()(target, key);
  IsNotEmpty()(target, key);
  MaxLength(maxLength)(target, key);
};
