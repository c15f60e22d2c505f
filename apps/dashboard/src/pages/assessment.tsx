import { useState } from 'preact/hooks';
import type { AssessmentReport } from '../api/types';
import { useApi } from '../api/use-api';
import { Figure, Loaded, PageHeader, ProjectLink, ScopeNote, Section, Yuan } from '../components/common';
import { Downloads } from '../components/downloads';
import { isYear, sharePercent } from '../format';
import { useI18n } from '../i18n/i18n';
import { hrefOf, navigate, type Route } from '../router';

/** 绩效考核 (seed item 25): the units that introduced the year's counted projects, ranked by what they are credited. */
export function AssessmentPage({ route }: { route: Route }) {
  const { t, label } = useI18n();
  const yearParam = route.params.get('year');
  const year = isYear(yearParam) ? yearParam : String(new Date().getFullYear());
  const path = `/api/v1/assessment?year=${year}`;
  const state = useApi<AssessmentReport>(path);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <div>
      <PageHeader title={t('assessment.title', { year })}>
        <label>
          {t('year')}{' '}
          <input
            type="number"
            min="2000"
            max="2100"
            value={year}
            onChange={(e) => navigate(hrefOf('assessment', { year: e.currentTarget.value }))}
          />
        </label>
        <Downloads path={path} name={`assessment-${year}`} />
      </PageHeader>
      <Loaded state={state}>
        {(report) => (
          <>
            <ScopeNote />
            <div class="figures">
              <Figure
                label={t('assessment.counted')}
                value={String(report.projectsCounted)}
                testId="assessment-counted"
              />
              <Figure label={t('assessment.units')} value={String(report.units.length)} testId="assessment-units" />
            </div>
            <p class="rule">{report.rules}</p>
            <Section title={t('nav.assessment')}>
              <table class="data" data-testid="assessment-table">
                <thead>
                  <tr>
                    <th class="num">{t('col.rank')}</th>
                    <th>{t('col.introducer')}</th>
                    <th class="num">{t('assessment.projectsCredited')}</th>
                    <th class="num">{t('assessment.amountCredited')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.units.map((unit) => [
                    <tr
                      key={unit.unit}
                      class="clickable"
                      data-testid={`assessment-unit-${unit.unit}`}
                      onClick={() => setOpen(open === unit.unit ? null : unit.unit)}
                    >
                      <td class="num">{unit.rank}</td>
                      <td>
                        {open === unit.unit ? '▾' : '▸'} {unit.unit}
                      </td>
                      <td class="num">{unit.projectsCredited}</td>
                      <td class="num">
                        <Yuan amount={unit.amountCreditedCny} />
                      </td>
                    </tr>,
                    open === unit.unit ? (
                      <tr key={`${unit.unit}-projects`} class="detail-row">
                        <td />
                        <td colSpan={3}>
                          <table class="data inner">
                            <tbody>
                              {unit.projects.map((p) => (
                                <tr key={p.projectId}>
                                  <td>
                                    <ProjectLink id={p.projectId} name={p.name} />
                                  </td>
                                  <td class="nowrap">{label('city', p.city)}</td>
                                  <td class="nowrap">{p.registeredOn}</td>
                                  <td class="num">
                                    {t('assessment.share')} {sharePercent(p.share)}
                                  </td>
                                  <td class="num">
                                    <Yuan amount={p.amountCreditedCny} />
                                  </td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </td>
                      </tr>
                    ) : null,
                  ])}
                </tbody>
              </table>
            </Section>
          </>
        )}
      </Loaded>
    </div>
  );
}
