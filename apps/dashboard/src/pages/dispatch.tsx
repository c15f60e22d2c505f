import type { DispatchProject, MonthlyDispatch, StaleFlag } from '../api/types';
import { useApi } from '../api/use-api';
import { Figure, Loaded, PageHeader, ProjectLink, Section, Yuan } from '../components/common';
import { Downloads } from '../components/downloads';
import { groupDigits, isMonth, monthOf } from '../format';
import { useI18n } from '../i18n/i18n';
import { hrefOf, navigate, type Route } from '../router';

/**
 * A project's stale flag as the dispatch carries it. WAITING ON THE BACKEND (issue 12, item 3): until the
 * dispatch names stale projects no row is flagged; the column appears as soon as any row carries `stale`.
 */
const staleOf = (project: DispatchProject): StaleFlag | null => {
  if (project.stale === undefined || project.stale === null || project.stale === false) return null;
  return project.stale === true ? {} : project.stale;
};

export function DispatchPage({ route }: { route: Route }) {
  const { t, label } = useI18n();
  const monthParam = route.params.get('month');
  const month = isMonth(monthParam) ? monthParam : monthOf(new Date());
  const path = `/api/v1/reports/monthly-dispatch?month=${month}`;
  const state = useApi<MonthlyDispatch>(path);

  return (
    <div>
      <PageHeader title={t('dispatch.title', { month })}>
        <label>
          {t('month')}{' '}
          <input
            type="month"
            value={month}
            data-testid="month-input"
            onChange={(e) =>
              isMonth(e.currentTarget.value) && navigate(hrefOf('dispatch', { month: e.currentTarget.value }))
            }
          />
        </label>
        <Downloads path={path} name={`monthly-dispatch-${month}`} />
      </PageHeader>
      <Loaded state={state}>
        {(report) => {
          const flagged = report.projects.some((p) => p.stale !== undefined);
          const stale = report.projects.filter((p) => staleOf(p) !== null);
          return (
            <>
              <div class="figures">
                <Figure
                  label={t('dispatch.majorProjects')}
                  value={String(report.totals.projects)}
                  testId="dispatch-projects"
                />
                <Figure
                  label={t('dispatch.reported')}
                  value={`${report.totals.reported} / ${report.totals.projects}`}
                  sub={t('dispatch.notReported', { n: report.totals.notReported })}
                  testId="dispatch-reported"
                  tone={report.totals.notReported > 0 ? 'warn' : 'ok'}
                />
                <Figure
                  label={t('dispatch.thisMonth')}
                  value={groupDigits(report.totals.investmentThisMonthCny)}
                  sub={t('unit.yuan')}
                  testId="dispatch-this-month"
                />
                <Figure
                  label={t('dispatch.toDate')}
                  value={groupDigits(report.totals.investmentToDateCny)}
                  sub={t('unit.yuan')}
                  testId="dispatch-to-date"
                />
                <Figure
                  label={t('dispatch.openProblems')}
                  value={String(report.totals.openProblems)}
                  testId="dispatch-open-problems"
                  tone={report.totals.openProblems > 0 ? 'warn' : 'ok'}
                />
                {flagged ? (
                  <Figure
                    label={t('dispatch.stale')}
                    value={String(stale.length)}
                    testId="dispatch-stale"
                    tone={stale.length > 0 ? 'warn' : 'ok'}
                  />
                ) : null}
              </div>
              <p class="rule">{report.definition}</p>
              <Section title={t('dispatch.byCity')}>
                <table class="data" data-testid="dispatch-by-city">
                  <thead>
                    <tr>
                      <th>{t('col.city')}</th>
                      <th class="num">{t('dispatch.majorProjects')}</th>
                      <th class="num">{t('dispatch.reportedShort')}</th>
                      <th class="num">{t('dispatch.thisMonthYuan')}</th>
                      <th class="num">{t('dispatch.toDateYuan')}</th>
                      <th class="num">{t('dispatch.openProblems')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.byCity.map((row) => (
                      <tr key={row.city} data-testid={`dispatch-city-${row.city}`}>
                        <td>{label('city', row.city)}</td>
                        <td class="num">{row.projects}</td>
                        <td class="num">{row.reported}</td>
                        <td class="num">
                          <Yuan amount={row.investmentThisMonthCny} />
                        </td>
                        <td class="num">
                          <Yuan amount={row.investmentToDateCny} />
                        </td>
                        <td class="num">{row.openProblems}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Section>
              <Section title={t('dispatch.projects')}>
                <table class="data" data-testid="dispatch-projects-table">
                  <thead>
                    <tr>
                      <th>{t('col.project')}</th>
                      <th>{t('col.city')}</th>
                      <th>{t('col.stage')}</th>
                      <th>{t('col.status')}</th>
                      <th class="num">{t('dispatch.thisMonthYuan')}</th>
                      <th class="num">{t('dispatch.toDateYuan')}</th>
                      <th>{t('dispatch.openProblems')}</th>
                      {flagged ? <th>{t('dispatch.stale')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {report.projects.map((p) => {
                      const flag = staleOf(p);
                      return (
                        <tr key={p.projectId} class={p.reported ? '' : 'not-reported'} data-testid="dispatch-row">
                          <td>
                            <ProjectLink id={p.projectId} name={p.name} />
                          </td>
                          <td>{label('city', p.city)}</td>
                          <td>{label('stage', p.stage)}</td>
                          <td>
                            <span class={`badge status-${p.status}`}>{t(`status.${p.status}`)}</span>
                          </td>
                          <td class="num">
                            {p.reported ? <Yuan amount={p.investmentThisMonthCny?.amount} /> : t('dispatch.noReport')}
                          </td>
                          <td class="num">
                            <Yuan amount={p.investmentToDateCny?.amount} />
                          </td>
                          <td class="small">
                            {p.openProblems.map((q) => (
                              <div key={q.problemId}>
                                {q.title} <span class="muted">({q.assignedUnit})</span>
                              </div>
                            ))}
                          </td>
                          {flagged ? (
                            <td data-testid={flag ? 'stale-flag' : undefined}>
                              {flag ? (
                                <span class="badge warn" title={flag.responsibleUnit ?? ''}>
                                  {t('dispatch.staleFlag')}
                                  {flag.missingMonths?.length ? `: ${flag.missingMonths.join(', ')}` : ''}
                                </span>
                              ) : null}
                            </td>
                          ) : null}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </Section>
            </>
          );
        }}
      </Loaded>
    </div>
  );
}
