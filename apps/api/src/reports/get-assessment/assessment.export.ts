import type { ExportContext, ExportDocument } from '../../shared/exports/export-model';
import { cityZh, scopeZh } from '../../shared/exports/labels';
import type { AssessmentReport } from './assessment.report';

/** 绩效考核 (item 25) as a workbook: the ranking of introducing units, then each unit's projects. */
export const assessmentExport = (report: AssessmentReport, context: ExportContext): ExportDocument => ({
  title: `湖南省承接产业转移 ${report.year}年引进单位绩效考核`,
  period: `${report.year}年度；计入目标项目 ${report.projectsCounted} 个，按引进单位份额计分，金额按工商注册日汇率折算`,
  asOf: context.asOf,
  scope: scopeZh(context.scope),
  fileName: { ascii: `itp-assessment-${report.year}`, zh: `引进单位绩效考核-${report.year}` },
  tables: [
    {
      name: '单位排名',
      columns: [
        { key: 'rank', header: '名次', kind: 'count', width: 8 },
        { key: 'unit', header: '引进单位', width: 32 },
        { key: 'projectsCredited', header: '计入项目数（按份额）', kind: 'decimal', width: 18 },
        { key: 'amountCreditedCny', header: '计入金额（折人民币元）', kind: 'money', width: 22 },
      ],
      rows: report.units.map(({ rank, unit, projectsCredited, amountCreditedCny }) => ({
        rank,
        unit,
        projectsCredited,
        amountCreditedCny,
      })),
    },
    {
      name: '项目明细',
      columns: [
        { key: 'unit', header: '引进单位', width: 32 },
        { key: 'projectId', header: '项目编号', width: 38 },
        { key: 'name', header: '项目名称', width: 36 },
        { key: 'city', header: '市州（注册时）', width: 12 },
        { key: 'registeredOn', header: '工商注册日期', width: 14 },
        { key: 'share', header: '份额', kind: 'decimal', width: 10 },
        { key: 'rate', header: '汇率（美元/人民币）', kind: 'rate', width: 14 },
        { key: 'amountCreditedCny', header: '计入金额（折人民币元）', kind: 'money', width: 22 },
      ],
      rows: report.units.flatMap((u) =>
        u.projects.map((p) => ({
          unit: u.unit,
          projectId: p.projectId,
          name: p.name,
          city: cityZh(p.city),
          registeredOn: p.registeredOn,
          share: p.share,
          rate: p.rate?.rate ?? null,
          amountCreditedCny: p.amountCreditedCny,
        })),
      ),
    },
  ],
});
