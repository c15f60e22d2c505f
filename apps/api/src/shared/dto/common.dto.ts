import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { CURRENCIES, type Currency } from '@itp/domain';
import { normalizeText, textProblem } from '@itp/platform';

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

/**
 * Text as stored: no control characters (but tab and line breaks), unpaired surrogates or bidirectional
 * overrides; normalised to NFC. The JSON body parser enforces the same on every string of a body already.
 */
export const CleanText = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? normalizeText(value) : value)),
    ValidateBy({
      name: 'cleanText',
      validator: {
        validate: (value) => typeof value !== 'string' || textProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property} ${textProblem(String(args?.value)) ?? 'is not clean text'}`,
      },
    }),
  );

export const RequiredText = (maxLength: number) => (target: object, key: string) => {
  IsString()(target, key);
  IsNotEmpty()(target, key);
  MaxLength(maxLength)(target, key);
  CleanText()(target, key);
};

/** The largest global position or cursor a query takes: positions are JSON-safe integers. */
export const MAX_POSITION = Number.MAX_SAFE_INTEGER;

/**
 * An optional integer query parameter within bounds. Only plain decimal digits are read as a number ("1e3",
 * "0x10", " 7" and "1.5" stay text and are refused), so that what the client wrote is what is checked.
 */
export const QueryInteger = (options: {
  min: number;
  max: number;
  default?: number;
  description?: string;
  example?: number;
}) =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      minimum: options.min,
      maximum: options.max,
      default: options.default,
      description: options.description,
      example: options.example,
    }),
    IsOptional(),
    Transform(({ value }) => (typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value)),
    IsInt(),
    Min(options.min),
    Max(options.max),
  );
