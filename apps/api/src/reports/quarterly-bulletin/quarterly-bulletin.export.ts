import type { Column, ExportContext, ExportDocument } from '../../shared/exports/export-model';
import { scopeZh } from '../../shared/exports/labels';
import type { QuarterlyBulletinReport } from './quarterly-bulletin.report';

const tallyColumns: Column[] = [
  { key: 'quarterProjects', header: '本季项目数', kind: 'count', width: 12 },
  { key: 'quarterAmount', header: '本季投资额（折人民币元）', kind: 'money', width: 22 },
  { key: 'ytdProjects', header: '年累计项目数', kind: 'count', width: 12 },
  { key: 'ytdAmount', header: '年累计投资额（折人民币元）', kind: 'money', width: 22 },
];

type Tally = QuarterlyBulletinReport['totals'];
const tallyCells = (t: Tally) => ({
  quarterProjects: t.quarter.projects,
  quarterAmount: t.quarter.amountCny,
  ytdProjects: t.yearToDate.projects,
  ytdAmount: t.yearToDate.amountCny,
});

/** 一季一通报 as a workbook: the city ranking, then the figures by source region and by industry. */
export const quarterlyBulletinExport = (report: QuarterlyBulletinReport, context: ExportContext): ExportDocument => {
  const [year, q] = report.quarter.split('-Q');
  const total = { ...tallyCells(report.totals) };
  return {
    title: `湖南省承接产业转移 一季一通报（${year}年第${q}季度）`,
    period: `${year}年第${q}季度（${report.period.start}至${report.period.end}），年累计自${year}-01-01起；金额按工商注册日汇率折算`,
    asOf: context.asOf,
    scope: scopeZh(context.scope),
    fileName: { ascii: `itp-quarterly-bulletin-${report.quarter}`, zh: `一季一通报-${report.quarter}` },
    tables: [
      {
        name: '分市排名',
        columns: [
          { key: 'rank', header: '名次', kind: 'count', width: 8 },
          { key: 'city', header: '市州', width: 10 },
          ...tallyColumns,
        ],
        rows: [
          ...report.byCity.map((c) => ({ rank: c.rank, city: c.cityName.zh, ...tallyCells(c) })),
          { rank: null, city: '合计', ...total },
        ],
      },
      {
        name: '按来源地区',
        columns: [{ key: 'region', header: '来源地区（可重复计入）', width: 22 }, ...tallyColumns],
        rows: report.bySourceRegion.map((r) => ({ region: r.name.zh, ...tallyCells(r) })),
      },
      {
        name: '按行业',
        columns: [{ key: 'industry', header: '行业', width: 24 }, ...tallyColumns],
        rows: [
          ...report.byIndustry.map((r) => ({ industry: r.name.zh, ...tallyCells(r) })),
          { industry: '合计', ...total },
        ],
      },
    ],
  };
};
