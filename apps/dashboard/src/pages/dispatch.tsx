import type { MonthlyDispatch, StaleMonth, StaleReport } from '../api/types';
import { useApi } from '../api/use-api';
import { Figure, Loaded, PageHeader, ProjectLink, ScopeNote, Section, Yuan } from '../components/common';
import { Downloads } from '../components/downloads';
import { groupDigits, isMonth, monthOf } from '../format';
import { useI18n } from '../i18n/i18n';
import { hrefOf, navigate, type Route } from '../router';

/** "2014-03" for a month not reported, "2014-04 (2014-05-20)" for one reported late. */
const monthsText = (months: StaleMonth[]): string =>
  months.map((m) => (m.recordedOn ? `${m.month} (${m.recordedOn.slice(0, 10)})` : m.month)).join(', ');

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
          // Stale projects (issue 12, item 3) are shown when the api's dispatch carries them.
          const stale: StaleReport | undefined = report.stale;
          const staleMonths = new Map(stale?.projects.map((p) => [p.projectId, p.missingMonths]) ?? []);
          return (
            <>
              <ScopeNote />
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
                {stale ? (
                  <Figure
                    label={t('dispatch.stale')}
                    value={String(stale.total)}
                    sub={t('dispatch.staleAsOf', { day: stale.referenceDate })}
                    testId="dispatch-stale"
                    tone={stale.total > 0 ? 'warn' : 'ok'}
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
                        <td class="nowrap">{label('city', row.city)}</td>
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
                      {stale ? <th>{t('dispatch.staleFlag')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {report.projects.map((p) => {
                      const owed = p.stale ? (staleMonths.get(p.projectId) ?? []) : null;
                      return (
                        <tr key={p.projectId} class={p.reported ? '' : 'not-reported'} data-testid="dispatch-row">
                          <td>
                            <ProjectLink id={p.projectId} name={p.name} />
                          </td>
                          <td class="nowrap">{label('city', p.city)}</td>
                          <td class="nowrap">{label('stage', p.stage)}</td>
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
                          {stale ? (
                            <td data-testid={owed ? 'stale-flag' : undefined}>
                              {owed ? (
                                <span class="badge warn" title={monthsText(owed)}>
                                  {t('dispatch.staleMonths', { n: owed.length })}
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
              {stale ? <StaleSection stale={stale} /> : null}
            </>
          );
        }}
      </Loaded>
    </div>
  );
}

/** The projects that owe monthly reports: who is responsible and which months are missing or came late. */
function StaleSection({ stale }: { stale: StaleReport }) {
  const { t, label } = useI18n();
  return (
    <Section title={t('dispatch.staleTitle', { day: stale.referenceDate, due: stale.dueDay })}>
      <p class="rule">{stale.rule}</p>
      <table class="data" data-testid="stale-table">
        <thead>
          <tr>
            <th>{t('col.project')}</th>
            <th>{t('col.city')}</th>
            <th>{t('col.stage')}</th>
            <th>{t('dispatch.responsible')}</th>
            <th>{t('dispatch.missingMonths')}</th>
            <th>{t('dispatch.lateMonths')}</th>
          </tr>
        </thead>
        <tbody>
          {stale.projects.map((p) => (
            <tr key={p.projectId} data-testid="stale-row">
              <td>
                <ProjectLink id={p.projectId} name={p.name} />
              </td>
              <td class="nowrap">{label('city', p.city)}</td>
              <td class="nowrap">{label('stage', p.stage)}</td>
              <td class="small">{p.responsibleUnits.join(', ')}</td>
              <td class="small">{monthsText(p.missingMonths.filter((m) => m.recordedOn === null))}</td>
              <td class="small">{monthsText(p.missingMonths.filter((m) => m.recordedOn !== null))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
