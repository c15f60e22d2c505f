import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  ValidateIf,
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
import { ApiCode, ApiDecimal, ClosedBody } from '../openapi/api-properties';

const DATE = /^(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) =>
  month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** A calendar date 'YYYY-MM-DD' that exists, from 1900 to 2099 (the OpenAPI `format: date`); the domain checks how it relates to other milestones. */
export const isCalendarDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  return day <= daysIn(year, month);
};

export const IsLocalDate = () =>
  ValidateBy({
    name: 'isLocalDate',
    validator: { validate: isCalendarDate, defaultMessage: (args) => `${args?.property} must be a date YYYY-MM-DD` },
  });
export const IsYearMonth = () =>
  Matches(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, { message: '$property must be a month YYYY-MM' });
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** An RFC 3339 date-time (the OpenAPI `format: date-time`): a day that exists, "T" and "Z" in either case. */
export const isInstant = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value.toUpperCase());
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    !Number.isNaN(Date.parse(value.toUpperCase()))
  );
};

/** An instant query parameter: RFC 3339, read upper-cased (Date reads "T" and "Z" only so). */
export const IsInstant = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value)),
    ValidateBy({
      name: 'isInstant',
      validator: {
        validate: isInstant,
        defaultMessage: (args) => `${args?.property} must be an RFC 3339 date-time, e.g. 2014-06-30T16:00:00Z`,
      },
    }),
  );

/**
 * An optional member that may be absent but not null: `IsOptional` would let null through to the domain, which
 * refuses it later (after an If-Match verdict, say), where the document says the pipe refuses it.
 */
export const OptionalField = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Exact decimals travel as strings: a JSON number would already have lost precision. */
export const IsDecimalString = (maxDecimals: number) =>
  Matches(new RegExp(`^(0|[1-9]\\d{0,14})(\\.\\d{1,${maxDecimals}})?$`), {
    message: `$property must be a decimal string with at most ${maxDecimals} decimals, e.g. "250000000.00"`,
  });

/** An exact amount and its currency, as every amount travels. */
@ClosedBody()
export class MoneyDto {
  /** Exact decimal amount as a string, at most 2 decimals. */
  @ApiDecimal(2, { description: 'Exact decimal amount as a string, at most 2 decimals', example: '250000000.00' })
  @IsString()
  @IsDecimalString(2)
  amount!: string;

  @ApiCode(CURRENCIES)
  @IsIn(CURRENCIES)
  currency!: Currency;
}

/** An amount that must be more than zero (a total investment). */
@ClosedBody()
export class PositiveMoneyDto {
  @ApiDecimal(2, {
    positive: true,
    description: 'Exact decimal amount > 0 as a string, at most 2 decimals',
    example: '250000000.00',
  })
  @IsString()
  @IsDecimalString(2)
  amount!: string;

  @ApiCode(CURRENCIES)
  @IsIn(CURRENCIES)
  currency!: Currency;
}

export const ValidMoney =
  (type: typeof MoneyDto | typeof PositiveMoneyDto = MoneyDto) =>
  (target: object, key: string) => {
    // ValidateNested alone lets an absent object through (to a controller that reads its members: a 500).
    IsDefined({ message: '$property must be an object { amount, currency }' })(target, key);
    ValidateNested()(target, key);
    Type(() => type)(target, key);
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
