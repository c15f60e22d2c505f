import { useMemo } from 'preact/hooks';
import type { TargetsReport } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart, type ChartOption } from '../components/chart';
import { Loaded, PageHeader, ProjectLink, ScopeNote, Section } from '../components/common';
import { Downloads } from '../components/downloads';
import { groupDigits, isYear, percentOf } from '../format';
import { useI18n, type I18n } from '../i18n/i18n';
import { hrefOf, navigate, type Route } from '../router';

export const TARGET_KEYS = [
  'transferProjects',
  'xiangnanMajorProjects',
  'rankedFirms',
  'nationalZones',
  'comprehensiveBondedZones',
  'standardFactory',
] as const;
type TargetKey = (typeof TARGET_KEYS)[number];

type TargetRow = { key: TargetKey; counted: string; target: string; percent: number; met: boolean };

/** Each figure of the year against its target, as the api counted it. */
const rowsOf = (r: TargetsReport): TargetRow[] => {
  const sqm = (value: string) => `${groupDigits(value)} m²`;
  return [
    {
      key: 'transferProjects',
      counted: String(r.transferProjects.counted),
      target: `${r.transferProjects.target} (${r.transferProjects.stretch})`,
      percent: percentOf(r.transferProjects.counted, r.transferProjects.target),
      met: r.transferProjects.met,
    },
    {
      key: 'xiangnanMajorProjects',
      counted: String(r.xiangnanMajorProjects.counted),
      target: String(r.xiangnanMajorProjects.target),
      percent: percentOf(r.xiangnanMajorProjects.counted, r.xiangnanMajorProjects.target),
      met: r.xiangnanMajorProjects.met,
    },
    {
      key: 'rankedFirms',
      counted: String(r.rankedFirms.counted),
      target: String(r.rankedFirms.target),
      percent: percentOf(r.rankedFirms.counted, r.rankedFirms.target),
      met: r.rankedFirms.met,
    },
    {
      key: 'nationalZones',
      counted: String(r.nationalZones.counted),
      target: `${r.nationalZones.min}–${r.nationalZones.max}`,
      percent: percentOf(r.nationalZones.counted, r.nationalZones.min),
      met: r.nationalZones.met,
    },
    {
      key: 'comprehensiveBondedZones',
      counted: String(r.comprehensiveBondedZones.counted),
      target: String(r.comprehensiveBondedZones.target),
      percent: percentOf(r.comprehensiveBondedZones.counted, r.comprehensiveBondedZones.target),
      met: r.comprehensiveBondedZones.met,
    },
    {
      key: 'standardFactory',
      counted: sqm(r.standardFactory.completedSqm),
      target: sqm(r.standardFactory.target),
      percent: percentOf(Number(r.standardFactory.completedSqm), Number(r.standardFactory.target)),
      met: r.standardFactory.met,
    },
  ];
};

const chartOf = (rows: TargetRow[], { t }: I18n): ChartOption => ({
  grid: { left: 8, right: 200, top: 8, bottom: 24, containLabel: true },
  tooltip: { trigger: 'item', formatter: '{b}: {c}%' },
  xAxis: { type: 'value', max: Math.max(100, ...rows.map((r) => r.percent)), axisLabel: { formatter: '{value}%' } },
  yAxis: { type: 'category', inverse: true, data: rows.map((r) => t(`target.${r.key}`)) },
  series: [
    {
      type: 'bar',
      barWidth: 22,
      showBackground: true,
      data: rows.map((r) => ({ value: r.percent, itemStyle: { color: r.met ? '#3f9b6b' : '#1f5fa8' } })),
      label: {
        show: true,
        position: 'right',
        formatter: ({ dataIndex }: { dataIndex: number }) =>
          `${rows[dataIndex].counted} / ${rows[dataIndex].target}  (${rows[dataIndex].percent}%)`,
      },
    },
  ],
});

export function TargetsPage({ route }: { route: Route }) {
  const i18n = useI18n();
  const { t } = i18n;
  const yearParam = route.params.get('year');
  const year = isYear(yearParam) ? yearParam : String(new Date().getFullYear());
  const shown = route.params.get('show') as TargetKey | null;
  const path = `/api/v1/statistics/targets?year=${year}`;
  const state = useApi<TargetsReport>(path);
  const rows = useMemo(() => (state.status === 'ok' ? rowsOf(state.data) : []), [state]);
  const option = useMemo(() => chartOf(rows, i18n), [rows, i18n.lang]);
  const show = (key: TargetKey) => navigate(hrefOf('targets', { year, show: key }));

  return (
    <div>
      <PageHeader title={t('targets.title', { year })}>
        <label>
          {t('year')}{' '}
          <input
            type="number"
            min="2000"
            max="2100"
            value={year}
            data-testid="year-input"
            onChange={(e) => navigate(hrefOf('targets', { year: e.currentTarget.value }))}
          />
        </label>
        <Downloads path={path} name={`targets-${year}`} />
      </PageHeader>
      <Loaded state={state}>
        {(report) => (
          <>
            <ScopeNote />
            <Section title={t('targets.progress')}>
              <Chart option={option} height={300} testId="targets-chart" onBarClick={(i) => show(rows[i].key)} />
              <table class="data" data-testid="targets-table">
                <thead>
                  <tr>
                    <th>{t('targets.figure')}</th>
                    <th class="num">{t('targets.counted')}</th>
                    <th class="num">{t('targets.target')}</th>
                    <th class="num">{t('targets.percent')}</th>
                    <th>{t('targets.state')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.key} class={row.key === shown ? 'selected' : ''}>
                      <td>{t(`target.${row.key}`)}</td>
                      <td class="num" data-testid={`target-${row.key}-counted`}>
                        {row.counted}
                      </td>
                      <td class="num" data-testid={`target-${row.key}-target`}>
                        {row.target}
                      </td>
                      <td class="num">{row.percent}%</td>
                      <td>
                        <span class={row.met ? 'badge ok' : 'badge'}>
                          {row.met ? t('targets.met') : t('targets.notMet')}
                        </span>
                      </td>
                      <td>
                        <a href={hrefOf('targets', { year, show: row.key })} data-testid={`target-${row.key}-show`}>
                          {t('targets.behind')}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
            {shown && (TARGET_KEYS as readonly string[]).includes(shown) ? (
              <Section title={t('targets.behindTitle', { figure: t(`target.${shown}`) })}>
                <Behind report={report} shown={shown} />
              </Section>
            ) : (
              <p class="hint">{t('targets.hint')}</p>
            )}
          </>
        )}
      </Loaded>
    </div>
  );
}

/** The projects, firms or parks behind one figure. */
function Behind({ report, shown }: { report: TargetsReport; shown: TargetKey }) {
  const { t, label } = useI18n();
  const listed =
    shown === 'rankedFirms'
      ? report.rankedFirms.investors.length
      : shown === 'transferProjects' || shown === 'xiangnanMajorProjects'
        ? report[shown].projects.length
        : report[shown].parks.length;
  const counted = shown === 'standardFactory' ? null : report[shown].counted;
  const rule = (
    <>
      <p class="rule">{report[shown].rule}</p>
      {counted !== null && listed < counted ? (
        <p class="note" data-testid="behind-partial">
          {t('targets.partial', { listed, counted })}
        </p>
      ) : null}
    </>
  );
  if (shown === 'transferProjects' || shown === 'xiangnanMajorProjects') {
    const projects = report[shown].projects;
    return (
      <>
        {rule}
        <table class="data" data-testid="behind-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('col.project')}</th>
              <th>{t('col.city')}</th>
              <th>{shown === 'transferProjects' ? t('col.registeredOn') : t('col.assignedOn')}</th>
              <th>{t('col.explanation')}</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((p, index) => (
              <tr key={p.projectId}>
                <td class="num">{index + 1}</td>
                <td>
                  <ProjectLink id={p.projectId} name={p.name} />
                </td>
                <td class="nowrap">{label('city', p.city)}</td>
                <td class="nowrap">{p.registeredOn ?? p.assignedOn}</td>
                <td class="small">{p.explanation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  if (shown === 'rankedFirms') {
    return (
      <>
        {rule}
        <table class="data" data-testid="behind-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('col.investor')}</th>
              <th>{t('col.rankings')}</th>
              <th>{t('col.firstRegistration')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rankedFirms.investors.map((firm, index) => (
              <tr key={firm.investorId}>
                <td class="num">{index + 1}</td>
                <td>{firm.name}</td>
                <td>{firm.rankings.map((code) => label('ranking', code)).join('、')}</td>
                <td class="nowrap">
                  {firm.firstRegistration?.projectId ? (
                    <a href={hrefOf('project', {}, firm.firstRegistration.projectId)}>
                      {firm.firstRegistration.registeredOn}
                    </a>
                  ) : (
                    (firm.firstRegistration?.registeredOn ?? '—')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  const parks = report[shown].parks;
  return (
    <>
      {rule}
      <table class="data" data-testid="behind-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('col.park')}</th>
            <th>{t('col.city')}</th>
            {shown === 'standardFactory' ? (
              <th class="num">{t('col.floorArea')}</th>
            ) : (
              <>
                <th>{t('col.level')}</th>
                <th>{t('col.approvedOn')}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {parks.map((park, index) => (
            <tr key={park.parkId}>
              <td class="num">{index + 1}</td>
              <td>{park.name}</td>
              <td class="nowrap">{label('city', park.city)}</td>
              {shown === 'standardFactory' ? (
                <td class="num">{groupDigits(park.floorAreaSqm ?? '')}</td>
              ) : (
                <>
                  <td>{label('parkLevel', park.level ?? '')}</td>
                  <td>{park.approvedOn}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
