/**
 * A report or list as a clerk prints it: one or more tables, each under a title block that names the report,
 * the period and the instant the figures reflect. Writers (xlsx, csv) render the same model.
 */

/**
 * - text: as given; dates stay 'YYYY-MM-DD' text (never a locale-dependent date cell).
 * - money: CNY (or an original currency) with 2 decimals, '#,##0.00'; given as an exact decimal string.
 * - count: whole number, '#,##0'. decimal: a share, a count of shares or mixed figures. rate: an exchange rate
 *   ('0.0000##'). area: m² ('#,##0.00').
 */
export type ColumnKind = 'text' | 'money' | 'count' | 'decimal' | 'rate' | 'area';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export type Column = {
  key: string;
  /** Chinese header, as the clerks read it. */
  header: string;
  kind?: ColumnKind;
  /** In characters (a CJK character counts 2); default: from the header. */
  width?: number;
};

export type Table = {
  /** The worksheet's name (at most 31 characters; no : \ / ? * [ ]) and the CSV section's heading. */
  name: string;
  columns: readonly Column[];
  /** Rows may be produced as they are read (an async iterable): large lists stream. */
  rows: Iterable<Row> | AsyncIterable<Row>;
};

export type ExportDocument = {
  /** The report's name, e.g. '一月一调度（月度调度）'. */
  title: string;
  /** The period it covers, e.g. '2014年6月', or the filters of a list. */
  period: string;
  /** The instant it reflects, e.g. '数据截至 2014-12-31 12:00:00（北京时间），事件日志位置 123'. */
  asOf: string;
  /** Whose view it is: '全省' or the cities of a scoped key. */
  scope: string;
  /** File name without extension: an ASCII one for old clients, and the Chinese one. */
  fileName: { ascii: string; zh: string };
  tables: readonly Table[];
};

/** Decimals keep Excel's General format: '0.##' would print a whole number as "5."; General shows 5 and 0.6667. */
export const EXPORT_NUMBER_FORMATS: Record<Exclude<ColumnKind, 'text' | 'decimal'>, string> = {
  money: '#,##0.00',
  count: '#,##0',
  rate: '0.0000##',
  area: '#,##0.00',
};

/** Display width of text in Excel's character units: CJK and full-width characters take two. */
export const textWidth = (text: string): number =>
  [...text].reduce(
    (width, ch) => width + (/[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1),
    0,
  );

export const columnWidth = (column: Column): number =>
  column.width ?? Math.min(60, Math.max(10, textWidth(column.header) + 2));

/** What a query knows when it exports: the instant its read models reflect, and whose view it is. */
export type ExportContext = { asOf: string; scope: '*' | readonly string[] };

/** The ideographic space that separates the parts of a title line. */
export const GAP = '\u3000';
