import { PassThrough } from 'node:stream';
import { attachment } from './content-disposition';
import { negotiateFormat } from './export-format';
import type { ExportDocument, Row } from './export-model';
import { csvRecords, loadWorkbook, render, sheetRows } from './testing/read-back';
import { writeXlsx } from './xlsx-export';

const doc = (rows: Iterable<Row> | AsyncIterable<Row> = ROWS): ExportDocument => ({
  title: '一月一调度（2014年6月）',
  period: '2014年6月',
  asOf: '数据时点：2014-12-31 12:00:00（北京时间）读取，读模型已处理至事件日志位置 42',
  scope: '长沙',
  fileName: { ascii: 'itp-dispatch-2014-06', zh: '一月一调度-2014-06' },
  tables: [
    {
      name: '重大项目',
      columns: [
        { key: 'name', header: '项目名称' },
        { key: 'amount', header: '累计完成投资（折人民币元）', kind: 'money', width: 22 },
        { key: 'rate', header: '汇率', kind: 'rate' },
        { key: 'count', header: '问题数', kind: 'count' },
        { key: 'share', header: '份额', kind: 'decimal' },
        { key: 'reported', header: '已报送' },
      ],
      rows,
    },
    { name: '汇总', columns: [{ key: 'n', header: '项目数', kind: 'count' }], rows: [{ n: 2 }] },
  ],
});
const ROWS: Row[] = [
  {
    name: '蓝思科技新材料, "二期"',
    amount: '1234567890.125',
    rate: '6.1000',
    count: 2,
    share: '0.6667',
    reported: true,
  },
  { name: 'Kivo', amount: null, rate: null, count: 0, share: '1', reported: false },
];

describe('the xlsx writer', () => {
  let workbook: Awaited<ReturnType<typeof loadWorkbook>>;
  beforeAll(async () => {
    workbook = await loadWorkbook(await render(doc(), 'xlsx'));
  });
  const sheet = () => workbook.getWorksheet('重大项目')!;

  it('writes one worksheet per table', () =>
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['重大项目', '汇总']));

  it('heads each sheet with the report, the period, the scope and the instant it reflects, then the column headers', () => {
    expect(
      sheetRows(sheet(), 1)
        .slice(0, 4)
        .map((row) => row[0]),
    ).toEqual([
      '一月一调度（2014年6月）',
      '2014年6月　范围：长沙　表：重大项目',
      '数据时点：2014-12-31 12:00:00（北京时间）读取，读模型已处理至事件日志位置 42',
      '项目名称',
    ]);
    expect(sheet().getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(sheet().getCell('F1').isMerged).toBe(true);
    expect(sheetRows(sheet())[0]).toEqual([
      '项目名称',
      '累计完成投资（折人民币元）',
      '汇率',
      '问题数',
      '份额',
      '已报送',
    ]);
    expect(sheet().getCell('B4').font).toMatchObject({ bold: true });
  });

  it('freezes the rows above the data, repeats the headers on every printed page and fits the width', () => {
    expect(sheet().views[0]).toMatchObject({ state: 'frozen', ySplit: 4, topLeftCell: 'A5' });
    expect(sheet().pageSetup).toMatchObject({
      printTitlesRow: '4:4',
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
    });
  });

  it('sizes columns as given, or from the header (a Chinese character counts two)', () =>
    // 项目名称: 4 characters = 8, + 2 = 10 (the minimum); 汇率: 10; the amount column: 22 as given.
    expect([1, 2, 3].map((c) => sheet().getColumn(c).width)).toEqual([10, 22, 10]));

  it('writes amounts, rates and counts as numbers with their formats, and yes/no in Chinese', () => {
    const [first, second] = sheetRows(sheet()).slice(1);
    expect(first).toEqual(['蓝思科技新材料, "二期"', 1234567890.125, 6.1, 2, 0.6667, '是']);
    expect(second).toEqual(['Kivo', null, null, 0, 1, '否']);
    expect(['B5', 'C5', 'D5', 'E5'].map((a) => sheet().getCell(a).numFmt)).toEqual([
      '#,##0.00',
      '0.0000##',
      '#,##0',
      undefined, // General, Excel's default
    ]);
  });

  it('streams: rows are read as the file is written, and bytes leave before the last row is read', async () => {
    const output = new PassThrough();
    let bytesOut = 0;
    output.on('data', (chunk: Buffer) => (bytesOut += chunk.length));
    let bytesWhenLastRowRead = -1;
    async function* many(): AsyncGenerator<Row> {
      for (let i = 0; i < 20_000; i++) {
        if (i === 19_999) bytesWhenLastRowRead = bytesOut;
        yield { name: `项目 ${i}`, amount: '1000000.00', rate: null, count: i, share: '1', reported: true };
      }
    }
    await writeXlsx(doc(many()), output);
    expect(bytesWhenLastRowRead).toBeGreaterThan(0);
    expect(bytesOut).toBeGreaterThan(bytesWhenLastRowRead);
  });
});

describe('the CSV writer', () => {
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await render(doc(), 'csv');
  });

  it('starts with a UTF-8 byte order mark, so that Excel reads the Chinese as UTF-8', () =>
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]));

  it('writes the title block, then each table under its name, with CRLF line ends and exact amounts', () =>
    expect(csvRecords(bytes)).toEqual([
      ['一月一调度（2014年6月）'],
      ['2014年6月　范围：长沙'],
      ['数据时点：2014-12-31 12:00:00（北京时间）读取，读模型已处理至事件日志位置 42'],
      [''],
      ['【重大项目】'],
      ['项目名称', '累计完成投资（折人民币元）', '汇率', '问题数', '份额', '已报送'],
      ['蓝思科技新材料, "二期"', '1234567890.125', '6.1000', '2', '0.6667', '是'],
      ['Kivo', '', '', '0', '1', '否'],
      [''],
      ['【汇总】'],
      ['项目数'],
      ['2'],
    ]));
});

describe('Content-Disposition', () => {
  it('gives an ASCII name and the Chinese one as RFC 5987 filename*', () =>
    expect(attachment('itp-dispatch-2014-06.xlsx', '一月一调度-2014-06.xlsx')).toBe(
      'attachment; filename="itp-dispatch-2014-06.xlsx"; ' +
        "filename*=UTF-8''%E4%B8%80%E6%9C%88%E4%B8%80%E8%B0%83%E5%BA%A6-2014-06.xlsx",
    ));

  it('keeps the fallback printable and unquoted', () =>
    expect(attachment('a"b\\c 项.csv', "it's (1).csv")).toBe(
      `attachment; filename="a_b_c _.csv"; filename*=UTF-8''it%27s%20%281%29.csv`,
    ));
});

describe('choosing the format', () => {
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  it.each([
    [undefined, undefined, 'json'],
    [undefined, '*/*', 'json'],
    [undefined, 'text/csv', 'csv'],
    [undefined, xlsx, 'xlsx'],
    [undefined, `text/csv;q=0.5, ${xlsx}`, 'xlsx'],
    [undefined, `application/json, text/csv;q=0.9`, 'json'],
    [undefined, 'text/html', 'json'],
    ['csv', xlsx, 'csv'],
  ] as const)('format=%s, Accept: %s -> %s', (format, accept, expected) =>
    expect(negotiateFormat(format, accept)).toBe(expected),
  );
});
