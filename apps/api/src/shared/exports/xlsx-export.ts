import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnWidth, EXPORT_NUMBER_FORMATS, GAP, type Cell, type Column, type ExportDocument } from './export-model';

/** Rows 1-3 are the title block, row 4 the column headers: frozen, and repeated on every printed page. */
export const HEADER_ROW = 4;
/** Rows written between two checks that the client keeps up (backpressure). */
const ROWS_PER_CHECK = 200;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF8EA9DB' } };

const cellValue = (column: Column, value: Cell): ExcelJS.CellValue => {
  if (value === null || value === undefined) return null;
  if ((column.kind ?? 'text') === 'text') return typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
  // Amounts arrive as exact decimal strings; a cell holds a double, exact to 15 digits (CNY 9,999,999,999,999.99).
  return typeof value === 'number' ? value : Number(value);
};

/** Waits while the client has not read what was written (so a large list never piles up in memory). */
const drained = async (output: Writable): Promise<void> => {
  if (output.writableNeedDrain) await once(output, 'drain');
};

/** Writes the document as an .xlsx workbook (one worksheet per table) with exceljs' streaming writer. */
export const writeXlsx = async (doc: ExportDocument, output: Writable): Promise<void> => {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'ITP';
  workbook.title = doc.title;
  for (const table of doc.tables) {
    const sheet = workbook.addWorksheet(table.name, {
      views: [{ state: 'frozen', ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      },
      headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
    });
    sheet.columns = table.columns.map((column) => ({ key: column.key, width: columnWidth(column) }));
    const width = table.columns.length;

    const titleRow = sheet.addRow([doc.title]);
    titleRow.font = { bold: true, size: 14 };
    titleRow.height = 22;
    sheet.mergeCells(1, 1, 1, width);
    titleRow.commit();
    const periodRow = sheet.addRow([`${doc.period}${GAP}范围：${doc.scope}${GAP}表：${table.name}`]);
    sheet.mergeCells(2, 1, 2, width);
    periodRow.commit();
    const asOfRow = sheet.addRow([doc.asOf]);
    asOfRow.font = { italic: true, color: { argb: 'FF595959' } };
    sheet.mergeCells(3, 1, 3, width);
    asOfRow.commit();

    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
      cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    });
    header.commit();

    let written = 0;
    for await (const row of table.rows) {
      const added = sheet.addRow(table.columns.map((column) => cellValue(column, row[column.key] ?? null)));
      table.columns.forEach((column, index) => {
        if (column.kind !== undefined && column.kind !== 'text' && column.kind !== 'decimal')
          added.getCell(index + 1).numFmt = EXPORT_NUMBER_FORMATS[column.kind];
      });
      added.commit();
      if (++written % ROWS_PER_CHECK === 0) await drained(output);
    }
    sheet.commit();
  }
  await workbook.commit();
};
