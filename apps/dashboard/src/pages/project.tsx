import { Fragment, type ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { HistoryEvent, Project, ProjectHistory } from '../api/types';
import { useApi } from '../api/use-api';
import { Chart, type ChartOption } from '../components/chart';
import { ErrorNote, Loaded, PageHeader, Section, Yuan } from '../components/common';
import { groupDigits, sharePercent, toYi } from '../format';
import { catalogueCodes } from '../i18n/catalogues';
import { useI18n } from '../i18n/i18n';
import { isMessageKey } from '../i18n/messages';
import type { Route } from '../router';

const BUSINESS_DATES = [
  'identifiedOn',
  'reachedOn',
  'signedOn',
  'registeredOn',
  'assignedOn',
  'suspendedOn',
  'resumedOn',
  'abandonedOn',
  'raisedOn',
  'resolvedOn',
  'month',
] as const;

/** What an event says, in a few words: the stage reached, the figure reported, the problem, the reason. */
const detailOf = (event: HistoryEvent, label: (catalogue: 'stage', code: string) => string): string => {
  const data = event.data;
  if (typeof data.to === 'string') return `→ ${label('stage', data.to)}`;
  const money = data.investmentCompletedToDate as { amount: string; currency: string } | undefined;
  if (money) return `${money.currency} ${groupDigits(money.amount)}`;
  for (const field of ['title', 'resolution', 'reason', 'note'] as const)
    if (typeof data[field] === 'string') return data[field] as string;
  if (typeof data.batch === 'number') return `#${data.batch}`;
  return '';
};

/** The business date an event carries (the day it happened, not the day it was recorded). */
const businessDateOf = (event: HistoryEvent): string => {
  for (const field of BUSINESS_DATES) if (typeof event.data[field] === 'string') return event.data[field] as string;
  return '';
};

export function ProjectPage({ route }: { route: Route }) {
  const id = route.id ?? '';
  const state = useApi<Project>(`/api/v1/projects/${encodeURIComponent(id)}`);
  return <Loaded state={state}>{(project) => <ProjectView project={project} />}</Loaded>;
}

function ProjectView({ project }: { project: Project }) {
  const { t, label } = useI18n();
  const progress = project.progress ?? [];
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: progress.map((p) => p.month) },
      yAxis: { type: 'value', name: `${t('unit.yi')} (${project.totalInvestment.currency})` },
      series: [{ type: 'bar', data: progress.map((p) => toYi(p.investmentCompletedToDate.amount)) }],
    }),
    [project, t],
  );
  const facts: [string, ComponentChildren][] = [
    [t('col.city'), label('city', project.city)],
    [t('col.industry'), label('industry', project.industry)],
    [t('col.capitalType'), label('capitalType', project.capitalType)],
    [
      t('col.totalInvestment'),
      <>
        {project.totalInvestment.currency} <Yuan amount={project.totalInvestment.amount} testId="project-investment" />
        {project.totalInvestment.currency !== 'CNY' && project.totalInvestmentCny?.amount ? (
          <span class="muted">
            {' '}
            ≈ CNY <Yuan amount={project.totalInvestmentCny.amount} />
          </span>
        ) : null}
      </>,
    ],
    [t('col.sourceRegions'), project.sourceRegions.map((code) => label('sourceRegion', code)).join('、')],
    [
      t('col.leadChannel'),
      `${label('leadChannel', project.leadChannel)}${project.promotionEvent ? `: ${project.promotionEvent.name}` : ''}`,
    ],
    [t('col.introducers'), project.introducers.map((i) => `${i.unit} ${sharePercent(i.share)}`).join('; ')],
    [
      t('col.countsTowardTarget'),
      project.businessRegistration ? (
        <>
          {project.countsTowardTarget ? t('yes') : t('no')}
          <div class="small muted">{project.businessRegistration.evaluation.explanation}</div>
        </>
      ) : (
        t('project.notRegistered')
      ),
    ],
    [
      t('col.xiangnan'),
      project.xiangnan
        ? t('project.xiangnanBatch', {
            batch: project.xiangnan.batch,
            on: project.xiangnan.assignedOn,
            major: project.xiangnan.qualifiesAsMajor ? t('project.major') : t('project.notMajor'),
          })
        : '—',
    ],
  ];

  return (
    <div>
      <PageHeader title={project.name}>
        <span class={`badge status-${project.status}`} data-testid="project-status">
          {t(`status.${project.status}`)}
        </span>
        <span class="badge" data-testid="project-stage">
          {label('stage', project.stage)}
        </span>
      </PageHeader>
      <Section title={t('project.stages')}>
        <ol class="stages" data-testid="project-stages">
          {catalogueCodes('stage').map((stage) => {
            const on = project.stageReachedOn[stage];
            return (
              <li key={stage} class={on ? 'reached' : ''}>
                <div class="stage-name">{label('stage', stage)}</div>
                <div class="stage-date">{on ?? '—'}</div>
              </li>
            );
          })}
        </ol>
        {project.suspensions?.map((s) => (
          <p class="note" key={s.suspendedOn}>
            {t('project.suspended', { from: s.suspendedOn, to: s.resumedOn ?? '…' })} {s.reason}
          </p>
        ))}
        {project.abandonment ? (
          <p class="note error">
            {t('project.abandoned', { on: project.abandonment.abandonedOn })} {project.abandonment.reason}
          </p>
        ) : null}
      </Section>
      <Section title={t('project.facts')}>
        <dl class="facts">
          {facts.map(([name, value]) => (
            <Fragment key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
      </Section>
      {progress.length > 0 ? (
        <Section title={t('project.progress')}>
          <div class="two-columns">
            <Chart option={option} height={260} testId="project-progress-chart" />
            <table class="data" data-testid="project-progress">
              <thead>
                <tr>
                  <th>{t('month')}</th>
                  <th class="num">
                    {t('project.completedToDate')} ({project.totalInvestment.currency})
                  </th>
                </tr>
              </thead>
              <tbody>
                {progress.map((p) => (
                  <tr key={p.month}>
                    <td>{p.month}</td>
                    <td class="num">
                      <Yuan amount={p.investmentCompletedToDate.amount} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      ) : null}
      {project.problems && project.problems.length > 0 ? (
        <Section title={t('project.problems')}>
          <table class="data">
            <thead>
              <tr>
                <th>{t('col.raisedOn')}</th>
                <th>{t('col.problem')}</th>
                <th>{t('col.unit')}</th>
                <th>{t('col.resolvedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {project.problems.map((q) => (
                <tr key={q.problemId}>
                  <td class="nowrap">{q.raisedOn}</td>
                  <td>
                    <strong>{q.title}</strong>
                    {q.resolution ? <div class="small muted">{q.resolution}</div> : null}
                  </td>
                  <td>{q.assignedUnit}</td>
                  <td>{q.resolvedOn ?? <span class="badge warn">{t('problems.openOne')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
      <History projectId={project.projectId} />
    </div>
  );
}

/** The audit trail from the event store, for the roles that may read it (auditor, admin). */
function History({ projectId }: { projectId: string }) {
  const { t, label } = useI18n();
  const state = useApi<ProjectHistory>(`/api/v1/projects/${encodeURIComponent(projectId)}/history`);
  if (state.status === 'error' && state.error instanceof ApiError && state.error.status === 403) {
    return (
      <Section title={t('history.title')}>
        <p class="note" data-testid="history-forbidden">
          {t('history.forbidden')}
        </p>
      </Section>
    );
  }
  if (state.status === 'error') return <ErrorNote error={state.error} />;
  if (state.status === 'loading') return null;
  const { chain, events } = state.data;
  return (
    <Section
      title={t('history.title')}
      aside={
        <span class={chain.valid ? 'badge ok' : 'badge bad'} data-testid="chain-status">
          {chain.valid
            ? t('history.chainValid', { n: chain.events })
            : t('history.chainBroken', { revision: chain.brokenAt.revision, reason: chain.brokenAt.reason })}
        </span>
      }
    >
      <table class="data" data-testid="history-table">
        <thead>
          <tr>
            <th class="num">{t('history.revision')}</th>
            <th>{t('history.event')}</th>
            <th>{t('history.businessDate')}</th>
            <th>{t('history.detail')}</th>
            <th>{t('history.recordedAt')}</th>
            <th>{t('history.by')}</th>
            <th>{t('history.hash')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const key = `event.${event.type}`;
            return (
              <tr key={event.eventId} data-testid="history-row">
                <td class="num">{event.revision}</td>
                <td>{isMessageKey(key) ? t(key) : event.type}</td>
                <td class="nowrap">{businessDateOf(event)}</td>
                <td class="small detail">{detailOf(event, label)}</td>
                <td class="small">{event.recordedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</td>
                <td class="small">
                  {event.actor}{' '}
                  <span class="muted">
                    ({event.role}, {event.unit})
                  </span>
                </td>
                <td class="mono small" title={event.hash}>
                  {event.hash.slice(0, 12)}…
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}
