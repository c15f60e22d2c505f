import type { Column, ExportContext, ExportDocument } from '../../shared/exports/export-model';
import { cityZh, lapseZh, scopeZh, stageZh, statusZh } from '../../shared/exports/labels';
import { NOTE_COLUMN, unconvertedNote } from '../../shared/exports/money-cells';
import type { MajorReason } from './dispatch-project';
import type { MonthlyDispatchReport } from './monthly-dispatch.report';

/** Why a project is in the dispatch: the definition's three tests, in the words of the work plan. */
const REASON_ZH: Record<MajorReason, string> = {
  counts_toward_target: '计入引进目标',
  xiangnan_major: '湘南示范区重大项目',
  at_transfer_threshold: '达到2亿元（外资3000万美元）以上',
};

const monthZh = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

const totalsColumns: Column[] = [
  { key: 'city', header: '市州', width: 10 },
  { key: 'projects', header: '重大项目数', kind: 'count', width: 12 },
  { key: 'reported', header: '本月已报送', kind: 'count', width: 12 },
  { key: 'notReported', header: '本月未报送', kind: 'count', width: 12 },
  { key: 'investmentThisMonthCny', header: '本月完成投资（折人民币元）', kind: 'money', width: 22 },
  { key: 'investmentToDateCny', header: '累计完成投资（折人民币元）', kind: 'money', width: 22 },
  { key: 'openProblems', header: '未解决问题', kind: 'count', width: 12 },
];

/** 一月一调度 as a workbook: the major projects, totals by city, and the projects that did not report in time. */
export const monthlyDispatchExport = (report: MonthlyDispatchReport, context: ExportContext): ExportDocument => {
  const { month, stale } = report;
  return {
    title: `湖南省承接产业转移重大项目 一月一调度（${monthZh(month)}）`,
    period: `${monthZh(month)}；逾期未报判定日 ${stale.referenceDate}（报送截止：次月${stale.dueDay}日）`,
    asOf: context.asOf,
    scope: scopeZh(context.scope),
    fileName: { ascii: `itp-monthly-dispatch-${month}`, zh: `一月一调度-${month}` },
    tables: [
      {
        name: '重大项目调度',
        columns: [
          { key: 'city', header: '市州', width: 10 },
          { key: 'projectId', header: '项目编号', width: 38 },
          { key: 'name', header: '项目名称', width: 36 },
          { key: 'stage', header: '阶段（月末）', width: 14 },
          { key: 'status', header: '状态（月末）', width: 12 },
          { key: 'majorBecause', header: '列入原因', width: 36 },
          { key: 'reported', header: '本月已报送', width: 10 },
          { key: 'currency', header: '币种', width: 8 },
          { key: 'thisMonth', header: '本月完成投资（原币）', kind: 'money', width: 20 },
          { key: 'toDate', header: '累计完成投资（原币）', kind: 'money', width: 20 },
          { key: 'toDateMonth', header: '累计截至月份', width: 12 },
          { key: 'rate', header: '汇率（美元/人民币，月末）', kind: 'rate', width: 14 },
          { key: 'thisMonthCny', header: '本月完成投资（折人民币元）', kind: 'money', width: 22 },
          { key: 'toDateCny', header: '累计完成投资（折人民币元）', kind: 'money', width: 22 },
          { key: 'openProblems', header: '未解决问题', kind: 'count', width: 10 },
          { key: 'stale', header: '逾期未报', width: 10 },
          NOTE_COLUMN,
        ],
        rows: report.projects.map((p) => {
          const cny = p.investmentToDateCny ?? p.investmentThisMonthCny;
          return {
            city: cityZh(p.city),
            projectId: p.projectId,
            name: p.name,
            stage: stageZh(p.stage),
            status: statusZh(p.status),
            majorBecause: p.majorBecause.map((r) => REASON_ZH[r]).join('；'),
            reported: p.reported,
            currency: (p.investmentToDate ?? p.investmentThisMonth)?.currency ?? null,
            thisMonth: p.investmentThisMonth?.amount ?? null,
            toDate: p.investmentToDate?.amount ?? null,
            toDateMonth: p.investmentToDate?.asOfMonth ?? null,
            rate: cny !== null && cny.amount !== null ? (cny.rate?.rate ?? null) : null,
            thisMonthCny: p.investmentThisMonthCny?.amount ?? null,
            toDateCny: p.investmentToDateCny?.amount ?? null,
            openProblems: p.openProblems.length,
            stale: p.stale,
            note: unconvertedNote(cny),
          };
        }),
      },
      {
        name: '分市汇总',
        columns: totalsColumns,
        rows: [
          ...report.byCity.map(({ cityName, ...c }) => ({ ...c, city: cityName.zh })),
          { ...report.totals, city: '合计' },
        ],
      },
      {
        name: '逾期未报项目',
        columns: [
          { key: 'city', header: '市州', width: 10 },
          { key: 'projectId', header: '项目编号', width: 38 },
          { key: 'name', header: '项目名称', width: 36 },
          { key: 'stage', header: '阶段', width: 12 },
          { key: 'responsibleUnits', header: '责任单位（引进单位）', width: 32 },
          { key: 'missingCount', header: '缺报月数', kind: 'count', width: 10 },
          { key: 'missingMonths', header: '缺报月份', width: 60 },
        ],
        rows: stale.projects.map((p) => ({
          city: cityZh(p.city),
          projectId: p.projectId,
          name: p.name,
          stage: stageZh(p.stage),
          responsibleUnits: p.responsibleUnits.join('、'),
          missingCount: p.missingMonths.length,
          missingMonths: p.missingMonths.map(lapseZh).join('、'),
        })),
      },
    ],
  };
};
