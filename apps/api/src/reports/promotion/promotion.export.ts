import type { Column, ExportContext, ExportDocument } from '../../shared/exports/export-model';
import { cityZh, leadChannelZh, scopeZh } from '../../shared/exports/labels';
import { moneyCells, moneyColumns, NOTE_COLUMN, unconvertedNote } from '../../shared/exports/money-cells';
import type { PromotionMeasure, PromotionReport } from './promotion.report';

const MEASURE_ZH: Record<PromotionMeasure, string> = {
  leads: '登记线索',
  contracts: '签约',
  registrations: '工商注册（计入目标）',
};

const figureColumns: Column[] = [
  { key: 'leads', header: '登记线索数', kind: 'count', width: 12 },
  { key: 'leadsCny', header: '线索投资额（折人民币元）', kind: 'money', width: 22 },
  { key: 'contracts', header: '签约项目数', kind: 'count', width: 12 },
  { key: 'contractsCny', header: '签约投资额（折人民币元）', kind: 'money', width: 22 },
  { key: 'registrations', header: '计入目标的工商注册数', kind: 'count', width: 14 },
  { key: 'registrationsCny', header: '注册投资额（折人民币元）', kind: 'money', width: 22 },
];

type Figures = Pick<PromotionReport['totals'], PromotionMeasure>;
const figureCells = (f: Figures) => ({
  leads: f.leads.count,
  leadsCny: f.leads.amountCny,
  contracts: f.contracts.count,
  contractsCny: f.contracts.amountCny,
  registrations: f.registrations.count,
  registrationsCny: f.registrations.amountCny,
});

/** 对接成效 (seed items 12-13) as a workbook: by lead channel, by promotion event, and the lines behind them. */
export const promotionExport = (report: PromotionReport, context: ExportContext): ExportDocument => ({
  title: `湖南省承接产业转移 ${report.year}年招商渠道与对接活动成效`,
  period: `${report.year}年度；线索按登记日、签约按签约日、工商注册按注册日的汇率折算`,
  asOf: context.asOf,
  scope: scopeZh(context.scope),
  fileName: { ascii: `itp-promotion-${report.year}`, zh: `招商渠道与对接活动成效-${report.year}` },
  tables: [
    {
      name: '按引进渠道',
      columns: [{ key: 'channel', header: '引进渠道', width: 16 }, ...figureColumns],
      rows: [
        ...report.byChannel.map((c) => ({ channel: c.name.zh, ...figureCells(c) })),
        { channel: '合计', ...figureCells(report.totals) },
      ],
    },
    {
      name: '按对接活动',
      columns: [
        { key: 'eventId', header: '活动编号', width: 28 },
        { key: 'name', header: '活动名称（最近使用）', width: 44 },
        { key: 'otherNames', header: '其他名称', width: 44 },
        ...figureColumns,
      ],
      rows: report.byEvent.map((e) => ({
        eventId: e.eventId,
        name: e.name,
        otherNames: e.otherNames.join('；'),
        ...figureCells(e),
      })),
    },
    {
      name: '项目明细',
      columns: [
        { key: 'measure', header: '口径', width: 20 },
        { key: 'date', header: '日期', width: 12 },
        { key: 'projectId', header: '项目编号', width: 38 },
        { key: 'name', header: '项目名称', width: 36 },
        { key: 'city', header: '市州', width: 10 },
        { key: 'channel', header: '引进渠道', width: 14 },
        { key: 'event', header: '对接活动', width: 36 },
        ...moneyColumns('investment', '投资总额'),
        NOTE_COLUMN,
      ],
      rows: report.projects.map((p) => ({
        measure: MEASURE_ZH[p.measure],
        date: p.date,
        projectId: p.projectId,
        name: p.name,
        city: cityZh(p.city),
        channel: leadChannelZh(p.leadChannel),
        event: p.promotionEvent === null ? null : (p.promotionEvent.name ?? p.promotionEvent.id),
        ...moneyCells('investment', p.amount, p.amountCny),
        note: unconvertedNote(p.amountCny),
      })),
    },
  ],
});
