import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { writeCsv } from '../csv-export';
import type { ExportDocument } from '../export-model';
import { writeXlsx } from '../xlsx-export';

/** Writes a document the way the api sends it and collects the bytes. */
export const render = async (doc: ExportDocument, format: 'csv' | 'xlsx'): Promise<Buffer> => {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await (format === 'xlsx' ? writeXlsx : writeCsv)(doc, output);
  return Buffer.concat(chunks);
};

/** Reads an .xlsx file back with exceljs. */
export const loadWorkbook = async (bytes: Buffer): Promise<ExcelJS.Workbook> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
};

/** A worksheet's rows from the header row (row 4) on, as arrays of cell values. */
export const sheetRows = (sheet: ExcelJS.Worksheet, fromRow = 4): unknown[][] => {
  const rows: unknown[][] = [];
  for (let r = fromRow; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null));
  }
  return rows;
};

/** A CSV answer's records (RFC 4180: quoted fields may hold commas, quotes and line breaks), BOM removed. */
export const csvRecords = (bytes: Buffer | string): string[][] => {
  const text = (typeof bytes === 'string' ? bytes : bytes.toString('utf8')).replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') field += text[i++];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      [record, field] = [[], ''];
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
};
