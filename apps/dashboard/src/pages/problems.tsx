import type { ProblemList } from '../api/types';
import { useApi } from '../api/use-api';
import { Figure, Loaded, PageHeader, ProjectLink, ScopeNote, Section } from '../components/common';
import { Downloads } from '../components/downloads';
import { isDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { hrefOf, navigate, type Route } from '../router';

/** The board shows this many open problems, the oldest; `total` and `units` count all of them. */
const SHOWN = 200;

export function ProblemsPage({ route }: { route: Route }) {
  const { t, label } = useI18n();
  const asOfParam = route.params.get('asOf');
  const asOf = isDate(asOfParam) ? asOfParam : null;
  const path = `/api/v1/problems?status=open${asOf ? `&ageOn=${asOf}` : ''}`;
  const state = useApi<ProblemList>(`${path}&pageSize=${SHOWN}`);

  return (
    <div>
      <PageHeader title={t('problems.title')}>
        <label>
          {t('problems.asOf')}{' '}
          <input
            type="date"
            value={asOf ?? ''}
            data-testid="as-of-input"
            onChange={(e) => navigate(hrefOf('problems', { asOf: e.currentTarget.value }))}
          />
        </label>
        <Downloads path={path} name={`problems-${asOf ?? 'today'}`} />
      </PageHeader>
      <Loaded state={state}>
        {(list) => {
          // Oldest first, whatever order the api lists them in; the units from the api, which counts every match.
          const open = list.items.filter((p) => p.status === 'open').sort((a, b) => b.ageDays - a.ageDays);
          const units = list.units.filter((unit) => unit.open > 0);
          const oldest = units[0]?.oldestOpenDays ?? null;
          return (
            <>
              <ScopeNote />
              <div class="figures">
                <Figure
                  label={t('problems.open')}
                  value={String(list.total)}
                  sub={t('problems.asOfDay', { day: list.ageOn })}
                  testId="problems-open"
                  tone={list.total > 0 ? 'warn' : 'ok'}
                />
                <Figure label={t('problems.units')} value={String(units.length)} testId="problems-units" />
                <Figure
                  label={t('problems.oldest')}
                  value={oldest !== null ? t('unit.days', { n: oldest }) : '—'}
                  testId="problems-oldest"
                />
              </div>
              <Section title={t('problems.byUnit')}>
                <table class="data" data-testid="problems-by-unit">
                  <thead>
                    <tr>
                      <th>{t('col.unit')}</th>
                      <th class="num">{t('problems.open')}</th>
                      <th class="num">{t('problems.oldestDays')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {units.map((row) => (
                      <tr key={row.assignedUnit}>
                        <td>{row.assignedUnit}</td>
                        <td class="num">{row.open}</td>
                        <td class="num">{row.oldestOpenDays}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Section>
              <Section title={t('problems.list')}>
                {list.total > open.length && (
                  <p class="small muted" data-testid="problems-shown">
                    {t('problems.shown', { shown: open.length, total: list.total })}
                  </p>
                )}
                <table class="data" data-testid="problems-table">
                  <thead>
                    <tr>
                      <th class="num">{t('col.ageDays')}</th>
                      <th>{t('col.raisedOn')}</th>
                      <th>{t('col.unit')}</th>
                      <th>{t('col.problem')}</th>
                      <th>{t('col.project')}</th>
                      <th>{t('col.city')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {open.map((p) => (
                      <tr key={p.problemId} data-testid="problem-row">
                        <td class="num" data-testid="problem-age">
                          {p.ageDays}
                        </td>
                        <td class="nowrap">{p.raisedOn}</td>
                        <td>{p.assignedUnit}</td>
                        <td>
                          <strong>{p.title}</strong>
                          <div class="small muted">{p.description}</div>
                        </td>
                        <td>
                          <ProjectLink id={p.projectId} name={p.projectName} />
                        </td>
                        <td class="nowrap">{label('city', p.city)}</td>
                      </tr>
                    ))}
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
