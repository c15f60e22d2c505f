import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { GAP, type Cell, type Column, type ExportDocument } from './export-model';

const csvValue = (column: Column, value: Cell): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  // Amounts stay the exact decimal strings the reports compute ("250000000.00"): no separators, Excel reads numbers.
  return String(value);
};

/**
 * Writes the document as CSV (RFC 4180, CRLF), UTF-8 with a byte order mark: without it, Excel opens a CSV in
 * the system's legacy code page (GBK on Chinese Windows) and every Chinese character comes out garbled.
 * A CSV file has one table: several tables follow one another, each under its name, separated by a blank line.
 */
export const writeCsv = async (doc: ExportDocument, output: Writable): Promise<void> => {
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  csv.pipe(output);
  const write = async (record: string[]) => {
    if (!csv.write(record)) await once(csv, 'drain');
  };
  await write([doc.title]);
  await write([`${doc.period}${GAP}范围：${doc.scope}`]);
  await write([doc.asOf]);
  for (const table of doc.tables) {
    await write([]);
    if (doc.tables.length > 1) await write([`【${table.name}】`]);
    await write(table.columns.map((c) => c.header));
    for await (const row of table.rows) await write(table.columns.map((c) => csvValue(c, row[c.key] ?? null)));
  }
  csv.end();
  await finished(output);
};
