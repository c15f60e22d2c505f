import { useMemo } from 'preact/hooks';
import type { BulletinRow, QuarterlyBulletin } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart, type ChartOption } from '../components/chart';
import { Figure, Loaded, PageHeader, ScopeNote, Section, Yuan } from '../components/common';
import { Downloads } from '../components/downloads';
import { groupDigits, isQuarter, quarterOf, toYi } from '../format';
import { useI18n, type I18n } from '../i18n/i18n';
import type { Catalogue } from '../i18n/catalogues';
import { hrefOf, navigate, type Route } from '../router';

type Labelled = BulletinRow & { code: string };

/** Amounts of the quarter and of the year to date by one dimension, in 亿元 (for the eye; tables are exact). */
const chartOf = (rows: Labelled[], catalogue: Catalogue, { t, label }: I18n): ChartOption => ({
  grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
  legend: { top: 0 },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  xAxis: { type: 'value', name: t('unit.yi'), nameLocation: 'end' },
  yAxis: { type: 'category', inverse: true, data: rows.map((r) => label(catalogue, r.code)) },
  series: [
    { type: 'bar', name: t('bulletin.quarter'), data: rows.map((r) => toYi(r.quarter.amountCny)) },
    {
      type: 'bar',
      name: t('bulletin.yearToDate'),
      data: rows.map((r) => toYi(r.yearToDate.amountCny)),
      label: {
        show: true,
        position: 'right',
        formatter: ({ dataIndex }: { dataIndex: number }) => `${rows[dataIndex].yearToDate.projects}`,
      },
    },
  ],
});

export function BulletinPage({ route }: { route: Route }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const quarterParam = route.params.get('quarter');
  const quarter = isQuarter(quarterParam) ? quarterParam : quarterOf(new Date());
  const [year, q] = quarter.split('-Q');
  const path = `/api/v1/reports/quarterly-bulletin?quarter=${quarter}`;
  const state = useApi<QuarterlyBulletin>(path);
  const charts = useMemo(() => {
    if (state.status !== 'ok') return null;
    // Only the regions and industries with projects this year: sixteen empty bars say nothing.
    const regions = state.data.bySourceRegion
      .map((r) => ({ ...r, code: r.sourceRegion }))
      .filter((r) => r.yearToDate.projects > 0);
    const industries = state.data.byIndustry
      .map((r) => ({ ...r, code: r.industry }))
      .filter((r) => r.yearToDate.projects > 0);
    return {
      regions: chartOf(regions, 'sourceRegion', i18n),
      regionsHeight: 90 + regions.length * 34,
      industries: chartOf(industries, 'industry', i18n),
      industriesHeight: 90 + industries.length * 34,
    };
  }, [state, i18n.lang]);
  const go = (y: string, n: string) => navigate(hrefOf('bulletin', { quarter: `${y}-Q${n}` }));

  return (
    <div>
      <PageHeader title={t('bulletin.title', { quarter })}>
        <label>
          {t('year')}{' '}
          <input type="number" min="2000" max="2100" value={year} onChange={(e) => go(e.currentTarget.value, q)} />
        </label>
        <label>
          {t('bulletin.quarterPick')}{' '}
          <select value={q} data-testid="quarter-select" onChange={(e) => go(year, e.currentTarget.value)}>
            {['1', '2', '3', '4'].map((n) => (
              <option key={n} value={n}>
                Q{n}
              </option>
            ))}
          </select>
        </label>
        <Downloads path={path} name={`quarterly-bulletin-${quarter}`} />
      </PageHeader>
      <Loaded state={state}>
        {(report) => (
          <>
            <ScopeNote />
            <div class="figures">
              <Figure
                label={t('bulletin.quarterProjects')}
                value={String(report.totals.quarter.projects)}
                sub={`${report.period.start} – ${report.period.end}`}
                testId="bulletin-quarter-projects"
              />
              <Figure
                label={t('bulletin.quarterAmount')}
                value={groupDigits(report.totals.quarter.amountCny)}
                sub={t('unit.yuan')}
                testId="bulletin-quarter-amount"
              />
              <Figure
                label={t('bulletin.ytdProjects')}
                value={String(report.totals.yearToDate.projects)}
                testId="bulletin-ytd-projects"
              />
              <Figure
                label={t('bulletin.ytdAmount')}
                value={groupDigits(report.totals.yearToDate.amountCny)}
                sub={t('unit.yuan')}
                testId="bulletin-ytd-amount"
              />
            </div>
            <p class="rule">{report.rules}</p>
            <Section title={t('bulletin.ranking')}>
              <table class="data" data-testid="bulletin-ranking">
                <thead>
                  <tr>
                    <th class="num">{t('col.rank')}</th>
                    <th>{t('col.city')}</th>
                    <th class="num">{t('bulletin.quarterProjectsShort')}</th>
                    <th class="num">{t('bulletin.quarterAmountYuan')}</th>
                    <th class="num">{t('bulletin.ytdProjectsShort')}</th>
                    <th class="num">{t('bulletin.ytdAmountYuan')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.byCity.map((row) => (
                    <tr key={row.city} data-testid={`bulletin-city-${row.city}`}>
                      <td class="num">{row.rank}</td>
                      <td class="nowrap">{label('city', row.city)}</td>
                      <td class="num">{row.quarter.projects}</td>
                      <td class="num">
                        <Yuan amount={row.quarter.amountCny} />
                      </td>
                      <td class="num">{row.yearToDate.projects}</td>
                      <td class="num">
                        <Yuan amount={row.yearToDate.amountCny} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
            {charts ? (
              <div class="two-columns">
                <Section title={t('bulletin.bySourceRegion')}>
                  <Chart option={charts.regions} height={charts.regionsHeight} testId="chart-source-region" />
                </Section>
                <Section title={t('bulletin.byIndustry')}>
                  <Chart option={charts.industries} height={charts.industriesHeight} testId="chart-industry" />
                </Section>
              </div>
            ) : null}
          </>
        )}
      </Loaded>
    </div>
  );
}
