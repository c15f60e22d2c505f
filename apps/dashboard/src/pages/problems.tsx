import type { Problem, ProblemList } from '../api/types';
import { useApi } from '../api/use-api';
import { Figure, Loaded, PageHeader, ProjectLink, ScopeNote, Section } from '../components/common';
import { Downloads } from '../components/downloads';
import { isDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { hrefOf, navigate, type Route } from '../router';

type UnitRow = { unit: string; open: number; oldestDays: number; problems: Problem[] };

/** Open problems grouped by the unit that owns them, the unit with the oldest problem first. */
const byUnit = (problems: Problem[]): UnitRow[] => {
  const units = new Map<string, Problem[]>();
  for (const problem of problems)
    units.set(problem.assignedUnit, [...(units.get(problem.assignedUnit) ?? []), problem]);
  return [...units.entries()]
    .map(([unit, list]) => ({
      unit,
      open: list.length,
      oldestDays: Math.max(...list.map((p) => p.ageDays)),
      problems: list,
    }))
    .sort((a, b) => b.oldestDays - a.oldestDays || a.unit.localeCompare(b.unit));
};

export function ProblemsPage({ route }: { route: Route }) {
  const { t, label } = useI18n();
  const asOfParam = route.params.get('asOf');
  const asOf = isDate(asOfParam) ? asOfParam : null;
  const path = `/api/v1/problems?status=open${asOf ? `&ageOn=${asOf}` : ''}`;
  const state = useApi<ProblemList>(path);

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
          // Oldest first, whatever order the api lists them in.
          const open = list.items.filter((p) => p.status === 'open').sort((a, b) => b.ageDays - a.ageDays);
          const units = byUnit(open);
          return (
            <>
              <ScopeNote />
              <div class="figures">
                <Figure
                  label={t('problems.open')}
                  value={String(open.length)}
                  sub={t('problems.asOfDay', { day: list.ageOn })}
                  testId="problems-open"
                  tone={open.length > 0 ? 'warn' : 'ok'}
                />
                <Figure label={t('problems.units')} value={String(units.length)} testId="problems-units" />
                <Figure
                  label={t('problems.oldest')}
                  value={open.length > 0 ? t('unit.days', { n: open[0].ageDays }) : '—'}
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
                      <tr key={row.unit}>
                        <td>{row.unit}</td>
                        <td class="num">{row.open}</td>
                        <td class="num">{row.oldestDays}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Section>
              <Section title={t('problems.list')}>
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
