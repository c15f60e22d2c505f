import type { ExportContext, ExportDocument } from '../../shared/exports/export-model';
import { cityZh, listZh, parkLevelZh, rankingZh, scopeZh, statusZh, yesNo } from '../../shared/exports/labels';
import { moneyCells, moneyColumns, NOTE_COLUMN, unconvertedNote } from '../../shared/exports/money-cells';
import type { TargetsReport } from './targets.report';

const parkColumns = [
  { key: 'parkId', header: '园区编号', width: 24 },
  { key: 'name', header: '园区名称', width: 36 },
  { key: 'city', header: '市州', width: 10 },
  { key: 'level', header: '级别', width: 28 },
  { key: 'approvedOn', header: '批准日期', width: 12 },
  { key: 'via', header: '方式', width: 10 },
];

type ReachedPark = TargetsReport['nationalZones']['parks'][number];
const parkRow = (p: ReachedPark) => ({
  parkId: p.parkId,
  name: p.name,
  city: cityZh(p.city),
  level: parkLevelZh(p.level),
  approvedOn: p.approvedOn,
  via: p.via === 'upgrade' ? '升级' : '新设',
});

/** 目标进度 (seed items 2-4, 17) as a workbook: the summary, then the list behind each count. */
export const targetsExport = (report: TargetsReport, context: ExportContext): ExportDocument => {
  const t = report;
  return {
    title: `湖南省承接产业转移 ${t.year}年目标任务进度`,
    period: `${t.year}年度`,
    asOf: context.asOf,
    scope: scopeZh(context.scope),
    fileName: { ascii: `itp-targets-${t.year}`, zh: `目标任务进度-${t.year}` },
    tables: [
      {
        name: '目标进度',
        columns: [
          { key: 'target', header: '目标任务', width: 36 },
          { key: 'counted', header: '完成', kind: 'decimal', width: 14 },
          { key: 'goal', header: '目标', kind: 'decimal', width: 14 },
          { key: 'stretch', header: '力争/上限', kind: 'decimal', width: 12 },
          { key: 'met', header: '是否完成', width: 10 },
          { key: 'rule', header: '计数口径', width: 80 },
        ],
        rows: [
          {
            target: '引进投资2亿元（外资3000万美元）以上产业转移项目（个）',
            counted: t.transferProjects.counted,
            goal: t.transferProjects.target,
            stretch: t.transferProjects.stretch,
            met: yesNo(t.transferProjects.met),
            rule: `${t.transferProjects.rule}（其中已终止 ${t.transferProjects.abandonedSinceCounted} 个）`,
          },
          {
            target: `湘南示范区第${t.xiangnanMajorProjects.batch ?? '—'}批重大项目（个）`,
            counted: t.xiangnanMajorProjects.counted,
            goal: t.xiangnanMajorProjects.target,
            stretch: null,
            met: yesNo(t.xiangnanMajorProjects.met),
            rule: t.xiangnanMajorProjects.rule,
          },
          {
            target: '新增世界500强、国内100强企业（家）',
            counted: t.rankedFirms.counted,
            goal: t.rankedFirms.target,
            stretch: null,
            met: yesNo(t.rankedFirms.met),
            rule: t.rankedFirms.rule,
          },
          {
            target: '新增国家级经济开发区（个）',
            counted: t.nationalZones.counted,
            goal: t.nationalZones.min,
            stretch: t.nationalZones.max,
            met: yesNo(t.nationalZones.met),
            rule: t.nationalZones.rule,
          },
          {
            target: '新增综合保税区（个）',
            counted: t.comprehensiveBondedZones.counted,
            goal: t.comprehensiveBondedZones.target,
            stretch: null,
            met: yesNo(t.comprehensiveBondedZones.met),
            rule: t.comprehensiveBondedZones.rule,
          },
          {
            target: '标准厂房建设（平方米）',
            counted: t.standardFactory.completedSqm,
            goal: t.standardFactory.target,
            stretch: null,
            met: yesNo(t.standardFactory.met),
            rule: t.standardFactory.rule,
          },
        ],
      },
      {
        name: '计入目标的转移项目',
        columns: [
          { key: 'projectId', header: '项目编号', width: 38 },
          { key: 'name', header: '项目名称', width: 36 },
          { key: 'city', header: '市州', width: 10 },
          { key: 'registeredOn', header: '工商注册日期', width: 14 },
          { key: 'status', header: '状态', width: 10 },
          ...moneyColumns('registered', '注册时投资总额'),
          NOTE_COLUMN,
        ],
        rows: t.transferProjects.projects.map((p) => ({
          projectId: p.projectId,
          name: p.name,
          city: cityZh(p.city),
          registeredOn: p.registeredOn,
          status: statusZh(p.status),
          ...moneyCells('registered', p.registeredInvestment, p.registeredInvestmentCny),
          note: unconvertedNote(p.registeredInvestmentCny) ?? p.explanation,
        })),
      },
      {
        name: '湘南示范区重大项目',
        columns: [
          { key: 'projectId', header: '项目编号', width: 38 },
          { key: 'name', header: '项目名称', width: 36 },
          { key: 'city', header: '市州', width: 10 },
          { key: 'batch', header: '批次', kind: 'count', width: 8 },
          { key: 'assignedOn', header: '纳入日期', width: 12 },
          { key: 'explanation', header: '说明', width: 60 },
        ],
        rows: t.xiangnanMajorProjects.projects.map((p) => ({ ...p, city: cityZh(p.city) })),
      },
      {
        name: '500强及100强企业',
        columns: [
          { key: 'investorId', header: '客商编号', width: 38 },
          { key: 'name', header: '企业名称', width: 36 },
          { key: 'rankings', header: '榜单', width: 24 },
          { key: 'registeredOn', header: '首个在湘机构注册日期', width: 20 },
          { key: 'projectId', header: '对应项目编号', width: 38 },
        ],
        rows: t.rankedFirms.investors.map((i) => ({
          investorId: i.investorId,
          name: i.name,
          rankings: listZh(i.rankings, rankingZh),
          registeredOn: i.firstRegistration?.registeredOn ?? null,
          projectId: i.firstRegistration?.projectId ?? null,
        })),
      },
      { name: '新增国家级经开区', columns: parkColumns, rows: t.nationalZones.parks.map(parkRow) },
      { name: '新增综合保税区', columns: parkColumns, rows: t.comprehensiveBondedZones.parks.map(parkRow) },
      {
        name: '标准厂房',
        columns: [
          { key: 'parkId', header: '园区编号', width: 24 },
          { key: 'name', header: '园区名称', width: 36 },
          { key: 'city', header: '市州', width: 10 },
          { key: 'floorAreaSqm', header: '当年竣工面积（平方米）', kind: 'area', width: 22 },
        ],
        rows: t.standardFactory.parks.map((p) => ({ ...p, city: cityZh(p.city) })),
      },
    ],
  };
};
