import type { ReadScope } from '../shared/queries/read-scope';
import type { AssessmentReport } from './get-assessment/assessment.report';
import type { TargetsReport } from './get-targets/targets.report';
import type { MonthlyDispatchReport } from './monthly-dispatch/monthly-dispatch.report';
import type { PromotionReport } from './promotion/promotion.report';
import type { QuarterlyBulletinReport } from './quarterly-bulletin/quarterly-bulletin.report';

/**
 * A report as a city-scoped key reads it (docs/adr/0009-read-scopes.md): every count, amount and rank stays
 * province-wide; the records behind them (projects, parks, the projects of a firm) are narrowed to what the
 * scope sees. A project is seen by its city now, as GET /projects/{id} sees it. Province-wide keys: unchanged.
 */
type Visible = ReadonlySet<string>;

const ids = (list: readonly string[], visible: Visible) => list.filter((id) => visible.has(id));

export const scopeTargets = (report: TargetsReport, scope: ReadScope, visible: Visible): TargetsReport => {
  if (scope.provinceWide) return report;
  const parks = <T extends { city: string }>(list: T[]) => list.filter((p) => scope.sees(p.city));
  return {
    ...report,
    transferProjects: {
      ...report.transferProjects,
      projects: report.transferProjects.projects.filter((p) => visible.has(p.projectId)),
    },
    xiangnanMajorProjects: {
      ...report.xiangnanMajorProjects,
      projects: report.xiangnanMajorProjects.projects.filter((p) => visible.has(p.projectId)),
    },
    // Firms are the province's library: listed in full, but another city's project is not named.
    rankedFirms: {
      ...report.rankedFirms,
      investors: report.rankedFirms.investors.map((i) => ({
        ...i,
        firstRegistration:
          i.firstRegistration === null || visible.has(i.firstRegistration.projectId ?? '')
            ? i.firstRegistration
            : { ...i.firstRegistration, projectId: null },
      })),
    },
    nationalZones: { ...report.nationalZones, parks: parks(report.nationalZones.parks) },
    comprehensiveBondedZones: {
      ...report.comprehensiveBondedZones,
      parks: parks(report.comprehensiveBondedZones.parks),
    },
    standardFactory: { ...report.standardFactory, parks: parks(report.standardFactory.parks) },
  };
};

export const scopeDispatch = (
  report: MonthlyDispatchReport,
  scope: ReadScope,
  visible: Visible,
): MonthlyDispatchReport => {
  if (scope.provinceWide) return report;
  return {
    ...report,
    projects: report.projects.filter((p) => visible.has(p.projectId)),
    unconverted: ids(report.unconverted, visible),
    unevaluated: report.unevaluated.filter((u) => visible.has(u.projectId)),
    stale: { ...report.stale, projects: report.stale.projects.filter((p) => visible.has(p.projectId)) },
  };
};

const tallyIds = <T extends { quarter: { projectIds: string[] }; yearToDate: { projectIds: string[] } }>(
  row: T,
  visible: Visible,
): T => ({
  ...row,
  quarter: { ...row.quarter, projectIds: ids(row.quarter.projectIds, visible) },
  yearToDate: { ...row.yearToDate, projectIds: ids(row.yearToDate.projectIds, visible) },
});

export const scopeBulletin = (
  report: QuarterlyBulletinReport,
  scope: ReadScope,
  visible: Visible,
): QuarterlyBulletinReport => {
  if (scope.provinceWide) return report;
  return {
    ...report,
    totals: tallyIds(report.totals, visible),
    byCity: report.byCity.map((row) => tallyIds(row, visible)),
    bySourceRegion: report.bySourceRegion.map((row) => tallyIds(row, visible)),
    byIndustry: report.byIndustry.map((row) => tallyIds(row, visible)),
    unconverted: ids(report.unconverted, visible),
  };
};

export const scopeAssessment = (report: AssessmentReport, scope: ReadScope, visible: Visible): AssessmentReport => {
  if (scope.provinceWide) return report;
  return {
    ...report,
    units: report.units.map((u) => ({ ...u, projects: u.projects.filter((p) => visible.has(p.projectId)) })),
    unconverted: ids(report.unconverted, visible),
  };
};

type Figures = Pick<PromotionReport['totals'], 'leads' | 'contracts' | 'registrations'>;
const figureIds = <T extends Figures>(row: T, visible: Visible): T => ({
  ...row,
  leads: { ...row.leads, projectIds: ids(row.leads.projectIds, visible) },
  contracts: { ...row.contracts, projectIds: ids(row.contracts.projectIds, visible) },
  registrations: { ...row.registrations, projectIds: ids(row.registrations.projectIds, visible) },
});

export const scopePromotion = (report: PromotionReport, scope: ReadScope, visible: Visible): PromotionReport => {
  if (scope.provinceWide) return report;
  return {
    ...report,
    totals: figureIds(report.totals, visible),
    byChannel: report.byChannel.map((row) => figureIds(row, visible)),
    byEvent: report.byEvent.map((row) => figureIds(row, visible)),
    projects: report.projects.filter((p) => visible.has(p.projectId)),
    unconverted: report.unconverted.filter((u) => visible.has(u.projectId)),
  };
};
