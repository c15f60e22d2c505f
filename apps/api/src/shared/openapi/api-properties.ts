import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiSchema, type ApiPropertyOptions } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/**
 * The rules the validation pipe and the domain apply to a request, written as JSON Schema (ECMA-262 patterns that
 * Python's re reads the same way), so that what the document calls valid is what the api accepts.
 */

/** A character a text field may hold: no C0 control but tab, LF and CR; no DEL or C1 control; no bidi override. */
const TEXT_CHAR = '[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]';
/** A text character that is not white space as JavaScript's trim() sees it. */
const VISIBLE_CHAR =
  '[^\\u0000-\\u0020\\u007F-\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202A-\\u202F\\u205F\\u2066-\\u2069\\u3000\\uFEFF]';

/** Text: ordinary Unicode, no control characters (but tab and line breaks) or bidirectional overrides. */
export const TEXT_PATTERN = `^${TEXT_CHAR}*$`;
/** Text that is not blank: at least one character other than white space. */
export const NON_BLANK_TEXT_PATTERN = `^${TEXT_CHAR}*${VISIBLE_CHAR}${TEXT_CHAR}*$`;
/** An id as the domain takes it: 1-128 letters, digits, "_", ".", ":" or "-", starting with a letter or digit. */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$';
/** A calendar date from 1900 to 2099 (`format: date` says the day exists). */
export const DATE_PATTERN = '^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
/** A calendar month from 1900 to 2099. */
export const MONTH_PATTERN = '^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$';
/** An exact non-negative decimal as a string: at most `digits` integer digits and `places` decimals. */
export const decimalPattern = (places: number, digits = 15) =>
  `^(0|[1-9][0-9]{0,${digits - 1}})(\\.[0-9]{1,${places}})?$`;
/** An exact decimal greater than zero, as decimalPattern otherwise (no look-ahead: Python's generators read it too). */
export const positiveDecimalPattern = (places: number, digits = 15) => {
  const fractions = Array.from({ length: places }, (_, zeros) => `0{${zeros}}[1-9][0-9]{0,${places - 1 - zeros}}`);
  return `^([1-9][0-9]{0,${digits - 1}}(\\.[0-9]{1,${places}})?|0\\.(${fractions.join('|')}))$`;
};

/** On a request body class: unknown fields are refused (400), and the schema says so. */
export const ClosedBody = () => ApiSchema({ additionalProperties: false } as never);

type Doc = Pick<ApiPropertyOptions, 'description' | 'example'> & { required?: boolean; nullable?: boolean };

const property = (options: ApiPropertyOptions, doc: Doc) =>
  ApiProperty({ ...options, ...doc, required: doc.required ?? true } as ApiPropertyOptions);

/**
 * The pattern checked by the validation pipe too, so that the pipe refuses (400) all the document calls
 * invalid before anything else looks at the request (an If-Match verdict, a domain rule).
 */
const checked = (pattern: string, message: string) => Matches(new RegExp(pattern), { message: `$property ${message}` });

/** A non-blank text of at most `maxLength` characters (also the rule of the optional ones, when present). */
export const ApiText = (maxLength: number, doc: Doc = {}) =>
  applyDecorators(
    property({ type: String, minLength: 1, maxLength, pattern: NON_BLANK_TEXT_PATTERN }, doc),
    checked(NON_BLANK_TEXT_PATTERN, 'must not be blank, nor hold control characters or bidirectional overrides'),
  );

/** An id of at most `maxLength` characters. */
export const ApiId = (maxLength = 128, doc: Doc = {}) =>
  applyDecorators(
    property({ type: String, minLength: 1, maxLength, pattern: ID_PATTERN }, doc),
    checked(ID_PATTERN, 'must be an id: letters, digits, "_", ".", ":" or "-", starting with a letter or digit'),
  );

/** A calendar date, YYYY-MM-DD (checked by IsLocalDate). */
export const ApiDate = (doc: Doc = {}) =>
  property({ type: String, format: 'date', pattern: DATE_PATTERN, example: '2014-06-30' }, doc);

/** A calendar month, YYYY-MM (checked by IsYearMonth). */
export const ApiMonth = (doc: Doc = {}) => property({ type: String, pattern: MONTH_PATTERN, example: '2014-06' }, doc);

/** An exact decimal string of at most `digits` integer digits; `positive` when zero is refused. */
export const ApiDecimal = (places: number, doc: Doc & { positive?: boolean; digits?: number } = {}) => {
  const { positive, digits, ...rest } = doc;
  const pattern = positive ? positiveDecimalPattern(places, digits) : decimalPattern(places, digits);
  return applyDecorators(
    property({ type: String, pattern }, rest),
    checked(
      pattern,
      `must be a ${positive ? 'positive ' : ''}decimal string with at most ${digits ?? 15} integer digits and ${places} decimals`,
    ),
  );
};

/** A string matching `pattern`, checked by the pipe too. */
export const ApiPattern = (pattern: string, message: string, doc: Doc = {}) =>
  applyDecorators(property({ type: String, pattern }, doc), checked(pattern, message));

/** An enum of codes. */
export const ApiCode = (values: readonly string[], doc: Doc = {}) => property({ type: String, enum: [...values] }, doc);
