import type ExcelJS from 'exceljs';
import { csvRecords, loadWorkbook, sheetRows } from '../../apps/api/src/shared/exports/testing/read-back';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { countingScenario, type CountingScenario } from '../queries/counting-scenario';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Every report and list downloaded over HTTP as xlsx and CSV, read back, and checked against the figures worked
 * out by hand from the counting scenario (test/queries/counting-scenario.ts; its e2e spec shows the same figures
 * as JSON).
 */
describe('exports over HTTP', () => {
  let api: ApiHarness;
  let s: CountingScenario;
  beforeAll(async () => {
    api = await startApi();
    s = await countingScenario(api);
  });
  afterAll(() => api.close());

  const download = async (url: string, headers: Record<string, string> = {}) => {
    const separator = url.includes('?') ? '&' : '?';
    const response = await api.app.inject({
      method: 'GET',
      url: `/api/v1/${url}${separator}minPosition=${s.commands.position}`,
      headers: { authorization: `Bearer ${KEYS.reporter}`, ...headers },
    });
    expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
    return response;
  };
  const xlsx = async (url: string) => loadWorkbook((await download(url, { accept: XLSX })).rawPayload);
  const csv = async (url: string) => csvRecords((await download(url, { accept: 'text/csv' })).rawPayload);
  const rows = (sheet: ExcelJS.Worksheet) => sheetRows(sheet).slice(1);
  /** One table of a CSV: from its header row (the one that starts with `firstHeader`) to the next blank line. */
  const table = (records: string[][], firstHeader: string) => {
    const start = records.findIndex((r) => r[0] === firstHeader);
    const end = records.findIndex((r, i) => i > start && r.join('') === '');
    return records.slice(start, end === -1 ? undefined : end);
  };

  it('answers Accept: xlsx with a named attachment, with an ASCII name and the Chinese one', async () => {
    const response = await download('reports/monthly-dispatch?month=2014-06', { accept: XLSX });
    expect(response.headers['content-type']).toBe(XLSX);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="itp-monthly-dispatch-2014-06.xlsx"; ' +
        "filename*=UTF-8''%E4%B8%80%E6%9C%88%E4%B8%80%E8%B0%83%E5%BA%A6-2014-06.xlsx",
    );
    expect(response.headers['x-read-scope']).toBe('*');
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK'); // a zip: the xlsx container
  });

  it('answers ?format=csv with UTF-8 CSV and its byte order mark', async () => {
    const response = await download('reports/quarterly-bulletin?quarter=2014-Q2&format=csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="itp-quarterly-bulletin-2014-Q2.csv"/,
    );
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('still answers JSON by default', async () => {
    const response = await download('reports/quarterly-bulletin?quarter=2014-Q2');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('exports the June dispatch: totals by city as numbers, the title naming the month and the instant', async () => {
    const workbook = await xlsx('reports/monthly-dispatch?month=2014-06');
    const byCity = workbook.getWorksheet('分市汇总')!;
    const [title, , asOf] = sheetRows(byCity, 1).map((r) => r[0]);
    expect(title).toBe('湖南省承接产业转移重大项目 一月一调度（2014年6月）');
    expect(asOf).toMatch(/^数据时点：2014-12-31 12:00:00（北京时间）读取，读模型已处理至事件日志位置 \d+$/);
    expect(rows(byCity)).toEqual([
      // Changsha: 15,000,000 + 10,000,000 + 1,000,000 this month; 35,000,000 + 10,000,000 + 1,000,000 to date
      ['长沙', 3, 3, 0, 26000000, 46000000, 0],
      ['株洲', 1, 0, 1, 0, 5000000, 0],
      // Hengyang: p4 USD 1,500,000 x 6.2000 = 9,300,000 this month; USD 2,500,000 x 6.2 = 15,500,000 to date
      ['衡阳', 2, 1, 1, 9300000, 15500000, 1],
      ['郴州', 1, 0, 1, 0, 0, 0],
      ['合计', 7, 4, 3, 35300000, 66500000, 1],
    ]);
    const projects = workbook.getWorksheet('重大项目调度')!;
    const p4Index = rows(projects).findIndex((r) => r[1] === s.projects.p4);
    const p4 = rows(projects)[p4Index];
    // USD 1,500,000.00 this month, 2,500,000.00 to date, at 6.2000 (in force on 06-30)
    expect(p4.slice(7, 14)).toEqual(['USD', 1500000, 2500000, '2014-06', 6.2, 9300000, 15500000]);
    expect(projects.getCell(`M${5 + p4Index}`).numFmt).toBe('#,##0.00');
  });

  it('exports the Q2 bulletin as CSV with the ranking and exact amounts', async () => {
    const records = await csv('reports/quarterly-bulletin?quarter=2014-Q2');
    expect(records[0]).toEqual(['湖南省承接产业转移 一季一通报（2014年第2季度）']);
    expect(records.slice(4, 6)).toEqual([
      ['【分市排名】'],
      ['名次', '市州', '本季项目数', '本季投资额（折人民币元）', '年累计项目数', '年累计投资额（折人民币元）'],
    ]);
    expect(records.slice(6, 10)).toEqual([
      ['1', '长沙', '1', '250000000.00', '2', '450000000.00'],
      ['2', '株洲', '1', '300000000.00', '1', '300000000.00'],
      ['3', '衡阳', '1', '183000000.00', '1', '183000000.00'],
      ['4', '湘潭', '0', '0.00', '0', '0.00'], // the cities with none share rank 4, in catalogue order
    ]);
    expect(records.find((r) => r[1] === '合计')).toEqual(['', '合计', '3', '733000000.00', '4', '933000000.00']);
  });

  it('exports the targets: 5 of 130 transfer projects, with each one’s amount and rate', async () => {
    const workbook = await xlsx('statistics/targets?year=2014');
    expect(rows(workbook.getWorksheet('目标进度')!).map((r) => r.slice(1, 5))).toEqual([
      [5, 130, 150, '否'],
      [1, 100, null, '否'],
      [2, 8, null, '否'],
      [1, 1, 2, '是'],
      [1, 1, null, '是'],
      [9999999.99, 10000000, null, '否'],
    ]);
    const counted = rows(workbook.getWorksheet('计入目标的转移项目')!);
    expect(counted.map((r) => r[0])).toEqual([
      s.projects.p2,
      s.projects.p6,
      s.projects.p4,
      s.projects.p5,
      s.projects.p9,
    ]);
    // p4 USD 30,000,000.00 x 6.1000 (in force on 05-20) = CNY 183,000,000.00; p5 as registered (250M), not as amended
    expect(counted[2].slice(5, 10)).toEqual([30000000, 'USD', 6.1, '2014-01-02', 183000000]);
    expect(counted[3].slice(5, 10)).toEqual([250000000, 'CNY', null, null, 250000000]);
  });

  it('exports the assessment as CSV: units ranked by amount credited', async () => {
    const records = table(await csv('assessment?year=2014'), '名次');
    expect(records.slice(1, 5)).toEqual([
      ['1', 'changsha-commerce-bureau', '2.6667', '883340000.00'],
      ['2', 'zhuzhou-commerce-bureau', '1', '300000000.00'],
      ['3', 'hengyang-commerce-bureau', '1', '183000000.00'],
      ['4', 'hk-representative-office', '0.3333', '66660000.00'],
    ]);
  });

  it('exports the problems, open ones first, aged as of the date asked', async () => {
    const workbook = await xlsx('problems?ageOn=2014-12-31');
    expect(rows(workbook.worksheets[0]).map((r) => [r[0], r[1], r[6]])).toEqual([
      ['未解决', 212, 'Land approval'],
      ['未解决', 182, 'Power supply'],
      ['已解决', 51, 'Customs clearance'],
    ]);
  });

  it('exports the whole project library, not a page, in the order asked', async () => {
    const records = table(await csv('projects?sort=-totalInvestment&pageSize=2'), '项目编号');
    const { p1, p2, p3, p4, p5, p6, p7, p8, p9 } = s.projects;
    expect(records.slice(1).map((r) => r[0])).toEqual([p9, p7, p8, p6, p2, p1, p4, p3, p5]);
    const header = records[0];
    const p3row = Object.fromEntries(header.map((h, i) => [h, records.find((r) => r[0] === p3)![i]]));
    expect(p3row).toMatchObject({
      市州: '衡阳',
      行业: '电子信息',
      阶段: '签约',
      资本类型: '外资',
      来源地区: '港澳台',
      引进渠道: '商务代表处',
      '投资总额（原币）': '29999999.99',
      币种: 'USD',
      '汇率（美元/人民币）': '6.1000',
      '投资总额（折人民币元）': '182999999.94',
      计入目标: '否',
    });
  });

  it('exports the promotion report: leads, contracts and counted registrations of the year by channel', async () => {
    const workbook = await xlsx('reports/promotion?year=2014');
    const office = rows(workbook.getWorksheet('按引进渠道')!).find((r) => r[0] === '商务代表处')!;
    // All nine leads came through representative offices, identified 01-06 and signed 01-20 (rate 6.1000), at their amounts now:
    // 199,999,999.99 + 200,000,000 + 182,999,999.939 + 183,000,000 + 150,000,000 + 300,000,000 + 305,000,000
    //   + 304,999,999.99 + 500,000,000 = 2,325,999,999.919 -> 2,325,999,999.92.
    // Counted registrations at their recorded amounts: p2 200M + p6 300M + p4 183M + p5 250M + p9 500M = 1,433,000,000.00.
    expect(office).toEqual(['商务代表处', 9, 2325999999.92, 9, 2325999999.92, 5, 1433000000]);
    expect(rows(workbook.getWorksheet('项目明细')!)).toHaveLength(23);
  });
});
