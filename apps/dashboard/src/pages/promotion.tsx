import { Fragment } from 'preact';
import { useMemo } from 'preact/hooks';
import type { PromotionFigures, PromotionMeasure, PromotionReport } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart, type ChartOption } from '../components/chart';
import { Figure, Loaded, PageHeader, ProjectLink, ScopeNote, Section, Yuan } from '../components/common';
import { Downloads } from '../components/downloads';
import { groupDigits, isYear } from '../format';
import { useI18n, type I18n } from '../i18n/i18n';
import { hrefOf, type Route } from '../router';

const MEASURES: PromotionMeasure[] = ['leads', 'contracts', 'registrations'];

/** The drill-down of one figure, in the address: "channel:<code>:<measure>" or "event:<id>:<measure>". */
type Shown = { by: 'channel' | 'event'; key: string; measure: PromotionMeasure };
const parseShown = (value: string | null): Shown | null => {
  const match = /^(channel|event):(.+):(leads|contracts|registrations)$/.exec(value ?? '');
  return match ? { by: match[1] as Shown['by'], key: match[2], measure: match[3] as PromotionMeasure } : null;
};

const chartOf = (report: PromotionReport, { t, label }: I18n): ChartOption => {
  const channels = report.byChannel.filter((c) => c.leads.count + c.contracts.count + c.registrations.count > 0);
  return {
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: channels.map((c) => label('leadChannel', c.channel)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: MEASURES.map((measure) => ({
      type: 'bar' as const,
      name: t(`promotion.${measure}`),
      data: channels.map((c) => c[measure].count),
      label: { show: true, position: 'top' as const },
    })),
  };
};

export function PromotionPage({ route }: { route: Route }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const yearParam = route.params.get('year');
  const year = isYear(yearParam) ? yearParam : String(new Date().getFullYear());
  const shown = parseShown(route.params.get('show'));
  const path = `/api/v1/reports/promotion?year=${year}`;
  const state = useApi<PromotionReport>(path);
  const option = useMemo(() => (state.status === 'ok' ? chartOf(state.data, i18n) : null), [state, i18n.lang]);

  /** One row's three figures, each a link to the projects behind it. */
  const cells = (row: PromotionFigures, by: Shown['by'], key: string, testId: string) =>
    MEASURES.map((measure) => (
      <Fragment key={measure}>
        <td class="num">
          <a
            href={hrefOf('promotion', { year, show: `${by}:${key}:${measure}` })}
            data-testid={`${testId}-${measure}-count`}
          >
            {row[measure].count}
          </a>
        </td>
        <td class="num">
          <Yuan amount={row[measure].amountCny} testId={`${testId}-${measure}-amount`} />
        </td>
      </Fragment>
    ));
  const headers = (
    <>
      {MEASURES.map((measure) => (
        <Fragment key={measure}>
          <th class="num">{t(`promotion.${measure}`)}</th>
          <th class="num">{t('promotion.amountYuan')}</th>
        </Fragment>
      ))}
    </>
  );

  return (
    <div>
      <PageHeader title={t('promotion.title', { year })}>
        <label>
          {t('year')}{' '}
          <input
            type="number"
            min="2000"
            max="2100"
            value={year}
            onChange={(e) => (window.location.hash = hrefOf('promotion', { year: e.currentTarget.value }))}
          />
        </label>
        <Downloads path={path} name={`promotion-${year}`} />
      </PageHeader>
      <Loaded state={state}>
        {(report) => (
          <>
            <ScopeNote />
            <div class="figures">
              {MEASURES.map((measure) => (
                <Figure
                  key={measure}
                  label={t(`promotion.${measure}`)}
                  value={String(report.totals[measure].count)}
                  sub={`${groupDigits(report.totals[measure].amountCny)} ${t('unit.yuan')}`}
                  testId={`promotion-total-${measure}`}
                />
              ))}
            </div>
            <p class="rule">{report.rules}</p>
            <Section title={t('promotion.byChannel')}>
              {option ? <Chart option={option} height={260} testId="promotion-chart" /> : null}
              <table class="data" data-testid="promotion-by-channel">
                <thead>
                  <tr>
                    <th>{t('col.leadChannel')}</th>
                    {headers}
                  </tr>
                </thead>
                <tbody>
                  {report.byChannel.map((row) => (
                    <tr key={row.channel}>
                      <td class="nowrap">{label('leadChannel', row.channel)}</td>
                      {cells(row, 'channel', row.channel, `channel-${row.channel}`)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
            <Section title={t('promotion.byEvent')}>
              <table class="data" data-testid="promotion-by-event">
                <thead>
                  <tr>
                    <th>{t('promotion.event')}</th>
                    {headers}
                  </tr>
                </thead>
                <tbody>
                  {report.byEvent.map((row) => (
                    <tr key={row.eventId} data-testid="promotion-event-row">
                      <td>
                        {row.name ?? row.eventId}
                        <div class="small muted">
                          {row.eventId}
                          {row.otherNames.length > 0
                            ? ` · ${t('promotion.alsoNamed')} ${row.otherNames.join('; ')}`
                            : ''}
                        </div>
                      </td>
                      {cells(row, 'event', row.eventId, `event-${row.eventId}`)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
            {shown ? <Behind report={report} shown={shown} /> : <p class="hint">{t('promotion.hint')}</p>}
          </>
        )}
      </Loaded>
    </div>
  );
}

/** The projects behind one figure, with the amount, its currency and the rate used. */
function Behind({ report, shown }: { report: PromotionReport; shown: Shown }) {
  const { t, label } = useI18n();
  const lines = report.projects.filter(
    (p) =>
      p.measure === shown.measure &&
      (shown.by === 'channel' ? p.leadChannel === shown.key : p.promotionEvent?.id === shown.key),
  );
  const what = shown.by === 'channel' ? label('leadChannel', shown.key) : shown.key;
  return (
    <Section title={t('promotion.behind', { what, measure: t(`promotion.${shown.measure}`) })}>
      <table class="data" data-testid="promotion-behind">
        <thead>
          <tr>
            <th>{t('col.project')}</th>
            <th>{t('col.city')}</th>
            <th>{t('promotion.date')}</th>
            <th class="num">{t('col.totalInvestment')}</th>
            <th class="num">{t('promotion.rate')}</th>
            <th class="num">{t('promotion.amountYuan')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((p) => (
            <tr key={`${p.projectId}-${p.measure}`}>
              <td>
                <ProjectLink id={p.projectId} name={p.name} />
              </td>
              <td class="nowrap">{label('city', p.city)}</td>
              <td class="nowrap">{p.date}</td>
              <td class="num">
                {p.amount.currency} <Yuan amount={p.amount.amount} />
              </td>
              <td class="num">
                {p.amountCny.rate ? `${p.amountCny.rate.rate} (${p.amountCny.rate.effectiveOn})` : '—'}
              </td>
              <td class="num">
                <Yuan amount={p.amountCny.amount} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
