import { StreamableFile } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { attachment } from './content-disposition';
import { writeCsv } from './csv-export';
import type { ExportDocument } from './export-model';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from './export-format';
import { writeXlsx } from './xlsx-export';

/**
 * The document as a downloadable file, written while it is sent: the response starts with the first rows, and
 * a write that fails mid-way aborts the response (a truncated file is never passed off as complete).
 */
export const exportFile = (doc: ExportDocument, format: 'csv' | 'xlsx'): StreamableFile => {
  const output = new PassThrough();
  const write = format === 'xlsx' ? writeXlsx : writeCsv;
  write(doc, output).catch((error: unknown) => output.destroy(error as Error));
  return new StreamableFile(output, {
    type: format === 'xlsx' ? XLSX_MEDIA_TYPE : `${CSV_MEDIA_TYPE}; charset=utf-8; header=present`,
    disposition: attachment(`${doc.fileName.ascii}.${format}`, `${doc.fileName.zh}.${format}`),
  });
};
