import { type Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Property decorators for the schemas of answers: always explicit (the e2e suite reads the document without the
 * @nestjs/swagger CLI plugin), nullable where the api answers null, and required unless the member may be absent.
 */
type Options = { description?: string; nullable?: boolean; required?: boolean; example?: unknown };

const prop = (schema: ApiPropertyOptions, { description, nullable, required = true, example }: Options = {}) =>
  ApiProperty({
    ...schema,
    ...(description === undefined ? {} : { description }),
    ...(nullable ? { nullable: true } : {}),
    ...(example === undefined ? {} : { example }),
    required,
  } as ApiPropertyOptions);

export const Str = (options?: Options) => prop({ type: String }, options);
export const Int = (options?: Options & { minimum?: number; maximum?: number }) =>
  prop(
    {
      type: 'integer',
      ...(options?.minimum === undefined ? {} : { minimum: options.minimum }),
      ...(options?.maximum === undefined ? {} : { maximum: options.maximum }),
    },
    options,
  );
export const Bool = (options?: Options) => prop({ type: Boolean }, options);
/** A calendar date, YYYY-MM-DD. */
export const DateStr = (options?: Options) => prop({ type: String, format: 'date' }, options);
/** An instant, RFC 3339 (ISO 8601 in UTC). */
export const DateTimeStr = (options?: Options) => prop({ type: String, format: 'date-time' }, options);
/** A calendar month, YYYY-MM. */
export const MonthStr = (options?: Options) => prop({ type: String, pattern: '^[0-9]{4}-[0-9]{2}$' }, options);
/** An exact decimal as a string, never a float. */
export const DecimalStr = (options?: Options) => prop({ type: String, pattern: '^-?[0-9]+(\\.[0-9]+)?$' }, options);
export const Enum = (values: readonly string[], options?: Options) =>
  prop({ type: String, enum: [...values] }, options);
export const Strs = (options?: Options) => prop({ type: [String] }, options);
export const EnumList = (values: readonly string[], options?: Options) =>
  prop({ type: String, enum: [...values], isArray: true }, options);
// @nestjs/swagger resolves a lazy type only when the function is named `type`, as an object literal's member is.
export const Obj = (lazy: () => Type<unknown>, options?: Options) => prop({ type: () => lazy() }, options);
export const List = (lazy: () => Type<unknown>, options?: Options) =>
  prop({ type: () => lazy(), isArray: true }, options);
/** A map from keys to values of one schema. */
export const MapOf = (values: ApiPropertyOptions['additionalProperties'], options?: Options) =>
  prop({ type: 'object', additionalProperties: values } as ApiPropertyOptions, options);
/** Any JSON object (an event's data as it was stored). */
export const AnyObject = (options?: Options) =>
  prop({ type: 'object', additionalProperties: true } as ApiPropertyOptions, options);
