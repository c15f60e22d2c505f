import type ExcelJS from 'exceljs';
import { rateTable, type ProjectEvent, type ProjectRegistered } from '@itp/domain';
import { projectLibraryProjection, type ProjectLibraryDocument } from '@itp/projections';
import { fold } from '@itp/projections/testing/fold';
import { eventLog } from '@itp/projections/testing/recorded-events';
import {
  businessRegistered,
  FLAT_RATE_EVENTS,
  projectEvents,
  projectRegistered,
} from '@itp/domain/testing/project-events';
import type { ExportContext, ExportDocument } from '../shared/exports/export-model';
import { loadWorkbook, render, sheetRows } from '../shared/exports/testing/read-back';
import { assessmentExport } from './get-assessment/assessment.export';
import { assessmentReport } from './get-assessment/assessment.report';
import { targetsExport } from './get-targets/targets.export';
import { targetsReport } from './get-targets/targets.report';
import { targetsFor } from './get-targets/year-targets';
import { monthlyDispatchExport } from './monthly-dispatch/monthly-dispatch.export';
import { monthlyDispatchReport } from './monthly-dispatch/monthly-dispatch.report';
import { promotionExport } from './promotion/promotion.export';
import { promotionReport } from './promotion/promotion.report';
import { quarterlyBulletinExport } from './quarterly-bulletin/quarterly-bulletin.export';
import { quarterlyBulletinReport } from './quarterly-bulletin/quarterly-bulletin.report';

/**
 * The shape of every report's export, read back with exceljs: the title row, the Chinese headers, the number
 * formats of amounts. Two projects at the flat rate 6.1000:
 *   cs  Changsha, CNY 250,000,000.00, promotion event e1, signed 02-01, registered 03-20, reported June 12,000,000.50
 *   hy  Hengyang, USD 40,000,000.00 (= CNY 244,000,000.00), signed 02-01, registered 05-20
 */
const log = eventLog();
const project = (registered: ProjectRegistered, more: ProjectEvent[]) =>
  log.record(`project-${registered.data.projectId}`, [registered, ...more], '2014-02-01T02:00:00.000Z');
const cs = projectRegistered({
  projectId: 'cs',
  name: '蓝思科技新材料',
  parkId: null,
  leadChannel: 'promotion_event',
  promotionEvent: { id: 'e1', name: '湖南（上海）投资洽谈周' },
});
const hy = projectRegistered({
  projectId: 'hy',
  name: 'Kivo smart port',
  parkId: null,
  city: '430400',
  capitalType: 'foreign',
  totalInvestment: { amount: '40000000.00', currency: 'USD' },
  introducers: [{ unit: 'hengyang-commerce-bureau', share: '1' }],
});
project(cs, [
  projectEvents('cs').contractSigned('2014-02-01'),
  businessRegistered(cs, '2014-03-20'),
  projectEvents('cs').progressReported('2014-06', '12000000.50'),
]);
project(hy, [projectEvents('hy').contractSigned('2014-02-01'), businessRegistered(hy, '2014-05-20')]);

const context: ExportContext = {
  asOf: '数据时点：2014-12-31 12:00:00（北京时间）读取，读模型已处理至事件日志位置 9',
  scope: '*',
};
const rates = rateTable(FLAT_RATE_EVENTS);
let projects: ProjectLibraryDocument[];
beforeAll(async () => {
  projects = await fold(projectLibraryProjection, log.events);
});

const workbookOf = async (doc: ExportDocument) => loadWorkbook(await render(doc, 'xlsx'));
const headers = (sheet: ExcelJS.Worksheet) => sheetRows(sheet)[0];
const data = (sheet: ExcelJS.Worksheet) => sheetRows(sheet).slice(1);
const column = (sheet: ExcelJS.Worksheet, header: string) => headers(sheet).indexOf(header) + 1;
const formatOf = (sheet: ExcelJS.Worksheet, header: string) => sheet.getRow(5).getCell(column(sheet, header)).numFmt;

describe('the monthly dispatch export', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await workbookOf(monthlyDispatchExport(monthlyDispatchReport('2014-06', projects, rates), context));
  });

  it('names the report, the month, the stale-project reference date and the instant', () => {
    const [title, period, asOf] = sheetRows(workbook.worksheets[0], 1).map((r) => r[0]);
    expect(title).toBe('湖南省承接产业转移重大项目 一月一调度（2014年6月）');
    expect(period).toBe('2014年6月；逾期未报判定日 2014-07-11（报送截止：次月10日）　范围：全省　表：重大项目调度');
    expect(asOf).toBe(context.asOf);
  });

  it('has a sheet of major projects, one of totals by city and one of stale projects, headed in Chinese', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['重大项目调度', '分市汇总', '逾期未报项目']);
    expect(headers(workbook.getWorksheet('分市汇总')!)).toEqual([
      '市州',
      '重大项目数',
      '本月已报送',
      '本月未报送',
      '本月完成投资（折人民币元）',
      '累计完成投资（折人民币元）',
      '未解决问题',
    ]);
    expect(headers(workbook.getWorksheet('逾期未报项目')!)).toEqual([
      '市州',
      '项目编号',
      '项目名称',
      '阶段',
      '责任单位（引进单位）',
      '缺报月数',
      '缺报月份',
    ]);
  });

  it('shows each major project with its labels from the catalogues and amounts as numbers', () => {
    const sheet = workbook.getWorksheet('重大项目调度')!;
    const cells = (row: unknown[]) => Object.fromEntries(headers(sheet).map((h, i) => [h, row[i]]));
    expect(cells(data(sheet)[0])).toMatchObject({
      市州: '长沙',
      项目名称: '蓝思科技新材料',
      '阶段（月末）': '签约',
      '状态（月末）': '正常推进',
      列入原因: '计入引进目标；达到2亿元（外资3000万美元）以上',
      本月已报送: '是',
      '本月完成投资（折人民币元）': 12000000.5,
      逾期未报: '是', // March to May were never reported
    });
    expect(formatOf(sheet, '本月完成投资（折人民币元）')).toBe('#,##0.00');
    expect(formatOf(sheet, '汇率（美元/人民币，月末）')).toBe('0.0000##');
  });

  it('totals by city, then for the province', () =>
    expect(data(workbook.getWorksheet('分市汇总')!)).toEqual([
      ['长沙', 1, 1, 0, 12000000.5, 12000000.5, 0],
      ['衡阳', 1, 0, 1, 0, 0, 0],
      ['合计', 2, 1, 1, 12000000.5, 12000000.5, 0],
    ]));

  it('lists the months each stale project owes', () =>
    expect(data(workbook.getWorksheet('逾期未报项目')!).map((r) => [r[0], r[4], r[5], r[6]])).toEqual([
      ['长沙', 'changsha-commerce-bureau', 3, '2014-03（未报）、2014-04（未报）、2014-05（未报）'],
      ['衡阳', 'hengyang-commerce-bureau', 4, '2014-03（未报）、2014-04（未报）、2014-05（未报）、2014-06（未报）'],
    ]));
});

describe('the quarterly bulletin export', () => {
  it('ranks the cities with the quarter and the year to date, in CNY at the registration dates', async () => {
    const workbook = await workbookOf(
      quarterlyBulletinExport(quarterlyBulletinReport('2014-Q2', projects, rates), context),
    );
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['分市排名', '按来源地区', '按行业']);
    const sheet = workbook.getWorksheet('分市排名')!;
    expect(sheetRows(sheet, 1)[0][0]).toBe('湖南省承接产业转移 一季一通报（2014年第2季度）');
    expect(headers(sheet)).toEqual([
      '名次',
      '市州',
      '本季项目数',
      '本季投资额（折人民币元）',
      '年累计项目数',
      '年累计投资额（折人民币元）',
    ]);
    // Changsha 250,000,000.00 (Q1) ranks first on the year; Hengyang 244,000,000.00 (USD 40,000,000.00 x 6.1000, Q2).
    expect(data(sheet).slice(0, 2)).toEqual([
      [1, '长沙', 0, 0, 1, 250000000],
      [2, '衡阳', 1, 244000000, 1, 244000000],
    ]);
    expect(data(sheet).at(-1)).toEqual([null, '合计', 1, 244000000, 2, 494000000]);
    expect(formatOf(sheet, '年累计投资额（折人民币元）')).toBe('#,##0.00');
  });
});

describe('the targets export', () => {
  it('sums up every target, then lists the projects behind the count with the rate used', async () => {
    const report = targetsReport(2014, targetsFor(2014), { projects, investors: [], parks: [], rates });
    const workbook = await workbookOf(targetsExport(report, context));
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '目标进度',
      '计入目标的转移项目',
      '湘南示范区重大项目',
      '500强及100强企业',
      '新增国家级经开区',
      '新增综合保税区',
      '标准厂房',
    ]);
    const summary = workbook.getWorksheet('目标进度')!;
    expect(data(summary)[0].slice(0, 5)).toEqual([
      '引进投资2亿元（外资3000万美元）以上产业转移项目（个）',
      2,
      130,
      150,
      '否',
    ]);
    const counted = workbook.getWorksheet('计入目标的转移项目')!;
    expect(headers(counted).slice(5, 10)).toEqual([
      '注册时投资总额（原币）',
      '币种',
      '汇率（美元/人民币）',
      '汇率生效日',
      '注册时投资总额（折人民币元）',
    ]);
    expect(data(counted).map((r) => r.slice(2, 10))).toEqual([
      ['长沙', '2014-03-20', '正常推进', 250000000, 'CNY', null, null, 250000000],
      ['衡阳', '2014-05-20', '正常推进', 40000000, 'USD', 6.1, '2014-01-02', 244000000],
    ]);
    expect(formatOf(counted, '注册时投资总额（折人民币元）')).toBe('#,##0.00');
  });
});

describe('the assessment export', () => {
  it('ranks the units, then details the projects credited with share and rate', async () => {
    const workbook = await workbookOf(assessmentExport(assessmentReport(2014, projects, rates), context));
    const ranking = workbook.getWorksheet('单位排名')!;
    expect(headers(ranking)).toEqual(['名次', '引进单位', '计入项目数（按份额）', '计入金额（折人民币元）']);
    expect(data(ranking)).toEqual([
      [1, 'changsha-commerce-bureau', 1, 250000000],
      [2, 'hengyang-commerce-bureau', 1, 244000000],
    ]);
    const detail = workbook.getWorksheet('项目明细')!;
    expect(data(detail)[1].slice(5)).toEqual([1, 6.1, 244000000]);
  });
});

describe('the promotion export', () => {
  it('gives channels, events and the lines behind them', async () => {
    const workbook = await workbookOf(promotionExport(promotionReport(2014, projects, rates), context));
    const channels = workbook.getWorksheet('按引进渠道')!;
    expect(headers(channels)).toEqual([
      '引进渠道',
      '登记线索数',
      '线索投资额（折人民币元）',
      '签约项目数',
      '签约投资额（折人民币元）',
      '计入目标的工商注册数',
      '注册投资额（折人民币元）',
    ]);
    // Both leads were identified 2014-01-10 (the fixture default): cs under 对接活动, hy under 商协会.
    expect(data(channels).find((r) => r[0] === '对接活动')).toEqual([
      '对接活动',
      1,
      250000000,
      1,
      250000000,
      1,
      250000000,
    ]);
    expect(data(channels).at(-1)).toEqual(['合计', 2, 494000000, 2, 494000000, 2, 494000000]);
    expect(data(workbook.getWorksheet('按对接活动')!)[0].slice(0, 3)).toEqual(['e1', '湖南（上海）投资洽谈周', null]);
    expect(data(workbook.getWorksheet('项目明细')!)).toHaveLength(6);
  });
});
