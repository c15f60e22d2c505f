import type { OwedMonth, RateTable } from '@itp/domain';
import type { ProjectLibraryDocument } from '@itp/projections';
import type { Column, ExportContext, ExportDocument, Row } from '../../shared/exports/export-model';
import {
  capitalTypeZh,
  cityZh,
  industryZh,
  lapseZh,
  leadChannelZh,
  listZh,
  scopeZh,
  sourceRegionZh,
  stageZh,
  statusZh,
} from '../../shared/exports/labels';
import { moneyCells, moneyColumns, NOTE_COLUMN, unconvertedNote } from '../../shared/exports/money-cells';
import type { ListProjectsDto } from './list-projects.dto';
import { projectCny } from './project-item';

const COLUMNS: Column[] = [
  { key: 'projectId', header: '项目编号', width: 38 },
  { key: 'name', header: '项目名称', width: 36 },
  { key: 'city', header: '市州', width: 10 },
  { key: 'industry', header: '行业', width: 18 },
  { key: 'stage', header: '阶段', width: 12 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'capitalType', header: '资本类型', width: 10 },
  { key: 'sourceRegions', header: '来源地区', width: 20 },
  { key: 'leadChannel', header: '引进渠道', width: 14 },
  { key: 'promotionEvent', header: '对接活动', width: 30 },
  { key: 'introducers', header: '引进单位（份额）', width: 36 },
  ...moneyColumns('investment', '投资总额'),
  { key: 'identifiedOn', header: '登记日期', width: 12 },
  { key: 'signedOn', header: '签约日期', width: 12 },
  { key: 'registeredOn', header: '工商注册日期', width: 14 },
  { key: 'countsTowardTarget', header: '计入目标', width: 10 },
  { key: 'openProblems', header: '未解决问题', kind: 'count', width: 10 },
];

const STALE_COLUMNS: Column[] = [{ key: 'missingMonths', header: '逾期未报月份', width: 50 }];

/** One line of the project library; the CNY figure as GET /projects shows it (rate on the registration date, or the latest). */
export const projectRow = (p: ProjectLibraryDocument, rates: RateTable, lapses?: readonly OwedMonth[]): Row => {
  const cny = projectCny(p, rates);
  return {
    projectId: p._id,
    name: p.name,
    city: cityZh(p.city),
    industry: industryZh(p.industry),
    stage: stageZh(p.stage),
    status: statusZh(p.status),
    capitalType: capitalTypeZh(p.capitalType),
    sourceRegions: listZh(p.sourceRegions, sourceRegionZh),
    leadChannel: leadChannelZh(p.leadChannel),
    promotionEvent: p.promotionEvent === null ? null : (p.promotionEvent.name ?? p.promotionEvent.id),
    introducers: p.introducers.map((i) => `${i.unit}（${i.share}）`).join('、'),
    ...moneyCells('investment', p.totalInvestment, cny),
    identifiedOn: p.identifiedOn,
    signedOn: p.signedOn,
    registeredOn: p.registeredOn,
    countsTowardTarget: p.countsTowardTarget,
    openProblems: p.openProblems,
    missingMonths: lapses === undefined ? null : lapses.map(lapseZh).join('、'),
    note: unconvertedNote(cny),
  };
};

const FILTER_LABELS: [keyof ListProjectsDto, string, (v: string) => string | null][] = [
  ['city', '市州', cityZh],
  ['stage', '阶段', stageZh],
  ['status', '状态', statusZh],
  ['industry', '行业', industryZh],
  ['sourceRegion', '来源地区', sourceRegionZh],
  ['capitalType', '资本类型', capitalTypeZh],
  ['countsTowardTarget', '计入目标', (v) => (String(v) === 'true' ? '是' : '否')],
  ['introducingUnit', '引进单位', (v) => v],
  ['q', '名称包含', (v) => v],
];

/** The filters of the list, as the period line of its export. */
export const filtersZh = (query: ListProjectsDto, referenceDate: string, dueDay: number): string => {
  const parts = FILTER_LABELS.flatMap(([key, label, show]) =>
    query[key] === undefined ? [] : [`${label}：${show(String(query[key])) ?? String(query[key])}`],
  );
  if (query.stale !== undefined)
    parts.push(`${query.stale ? '仅' : '不含'}逾期未报项目（判定日 ${referenceDate}，报送截止：次月${dueDay}日）`);
  return parts.length === 0 ? '全部项目' : `筛选条件：${parts.join('；')}`;
};

/** 项目库 as a workbook: every project the filters select (not one page), streamed as read. */
export const projectsExport = (
  rows: AsyncIterable<Row>,
  period: string,
  withStale: boolean,
  context: ExportContext,
): ExportDocument => ({
  title: '湖南省承接产业转移项目库',
  period,
  asOf: context.asOf,
  scope: scopeZh(context.scope),
  fileName: { ascii: 'itp-projects', zh: '项目库' },
  tables: [{ name: '项目库', columns: [...COLUMNS, ...(withStale ? STALE_COLUMNS : []), NOTE_COLUMN], rows }],
});
