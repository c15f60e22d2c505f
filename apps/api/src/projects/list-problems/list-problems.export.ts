import type { ExportContext, ExportDocument, Row } from '../../shared/exports/export-model';
import { cityZh, scopeZh } from '../../shared/exports/labels';
import type { ListProblemsDto } from './list-problems.dto';
import type { ProblemItem } from './list-problems.controller';

const problemRow = (p: ProblemItem): Row => ({
  status: p.status === 'open' ? '未解决' : '已解决',
  ageDays: p.ageDays,
  raisedOn: p.raisedOn,
  city: cityZh(p.city),
  projectId: p.projectId,
  projectName: p.projectName,
  title: p.title,
  description: p.description,
  assignedUnit: p.assignedUnit,
  resolvedOn: p.resolvedOn,
  resolution: p.resolution,
});

/** 联席会议问题 (item 24) as a workbook: open ones first, oldest first, as GET /problems lists them. */
export const problemsExport = (
  answer: { ageOn: string; items: readonly ProblemItem[] },
  query: ListProblemsDto,
  context: ExportContext,
): ExportDocument => {
  const filters = [
    query.status === undefined ? null : `状态：${query.status === 'open' ? '未解决' : '已解决'}`,
    query.city === undefined ? null : `市州：${cityZh(query.city)}`,
    query.assignedUnit === undefined ? null : `责任单位：${query.assignedUnit}`,
    query.projectId === undefined ? null : `项目：${query.projectId}`,
  ].filter((f) => f !== null);
  return {
    title: '湖南省承接产业转移 联席会议问题清单',
    period: `状态与已历天数截至 ${answer.ageOn}${filters.length === 0 ? '' : `；${filters.join('；')}`}`,
    asOf: context.asOf,
    scope: scopeZh(context.scope),
    fileName: { ascii: `itp-problems-${answer.ageOn}`, zh: `联席会议问题清单-${answer.ageOn}` },
    tables: [
      {
        name: '问题清单',
        columns: [
          { key: 'status', header: '状态', width: 10 },
          { key: 'ageDays', header: '已历天数', kind: 'count', width: 10 },
          { key: 'raisedOn', header: '提出日期', width: 12 },
          { key: 'city', header: '市州', width: 10 },
          { key: 'projectId', header: '项目编号', width: 38 },
          { key: 'projectName', header: '项目名称', width: 36 },
          { key: 'title', header: '问题', width: 30 },
          { key: 'description', header: '问题描述', width: 50 },
          { key: 'assignedUnit', header: '责任单位', width: 28 },
          { key: 'resolvedOn', header: '解决日期', width: 12 },
          { key: 'resolution', header: '解决情况', width: 40 },
        ],
        rows: answer.items.map(problemRow),
      },
    ],
  };
};
