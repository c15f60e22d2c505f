import type { ProjectPage as Page } from '../api/types';
import { useApi } from '../api/use-api';
import { Loaded, PageHeader, ProjectLink, ScopeNote, Yuan } from '../components/common';
import { Downloads } from '../components/downloads';
import { FEATURES } from '../features';
import { catalogueCodes } from '../i18n/catalogues';
import { useI18n } from '../i18n/i18n';
import { hrefOf, navigate, type Route } from '../router';

const FILTERS = ['city', 'stage', 'status', 'q', 'stale'] as const;
const PAGE_SIZE = 50;

/** The project library, filtered by city, stage and status (the filters of GET /projects). */
export function ProjectsPage({ route }: { route: Route }) {
  const { t, label } = useI18n();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, route.params.get(name) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const page = Number(route.params.get('page') ?? '1') || 1;
  const query = new URLSearchParams();
  for (const name of FILTERS) if (filters[name]) query.set(name, filters[name]);
  const listPath = `/api/v1/projects${query.toString() ? `?${query}` : ''}`;
  query.set('page', String(page));
  query.set('pageSize', String(PAGE_SIZE));
  const state = useApi<Page>(`/api/v1/projects?${query}`);
  const go = (changes: Record<string, string>) => navigate(hrefOf('projects', { ...filters, ...changes }));

  return (
    <div>
      <PageHeader title={t('projects.title')}>
        <select value={filters.city} data-testid="filter-city" onChange={(e) => go({ city: e.currentTarget.value })}>
          <option value="">{t('projects.allCities')}</option>
          {catalogueCodes('city').map((code) => (
            <option key={code} value={code}>
              {label('city', code)}
            </option>
          ))}
        </select>
        <select value={filters.stage} onChange={(e) => go({ stage: e.currentTarget.value })}>
          <option value="">{t('projects.allStages')}</option>
          {catalogueCodes('stage').map((code) => (
            <option key={code} value={code}>
              {label('stage', code)}
            </option>
          ))}
        </select>
        <select value={filters.status} onChange={(e) => go({ status: e.currentTarget.value })}>
          <option value="">{t('projects.allStatuses')}</option>
          {(['active', 'suspended', 'abandoned'] as const).map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
        <input
          type="search"
          placeholder={t('projects.search')}
          value={filters.q}
          onChange={(e) => go({ q: e.currentTarget.value })}
        />
        {FEATURES.stale ? (
          <label class="nowrap">
            <input
              type="checkbox"
              checked={filters.stale === 'true'}
              data-testid="filter-stale"
              onChange={(e) => go({ stale: e.currentTarget.checked ? 'true' : '' })}
            />{' '}
            {t('projects.staleOnly')}
          </label>
        ) : null}
        <Downloads path={listPath} name="projects" />
      </PageHeader>
      <Loaded state={state}>
        {(result) => (
          <>
            <ScopeNote />
            <p class="hint" data-testid="projects-total">
              {t('projects.total', { n: result.total })}
            </p>
            <table class="data" data-testid="projects-table">
              <thead>
                <tr>
                  <th>{t('col.project')}</th>
                  <th>{t('col.city')}</th>
                  <th>{t('col.industry')}</th>
                  <th>{t('col.stage')}</th>
                  <th>{t('col.status')}</th>
                  <th class="num">{t('col.totalInvestment')}</th>
                  <th>{t('col.registeredOn')}</th>
                  <th class="num">{t('dispatch.openProblems')}</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((p) => (
                  <tr key={p.projectId} data-testid="project-row">
                    <td>
                      <ProjectLink id={p.projectId} name={p.name} />
                      {p.staleness?.stale ? (
                        <span
                          class="badge warn"
                          title={p.staleness.missingMonths.map((m) => m.month).join(', ')}
                          data-testid="stale-flag"
                        >
                          {t('dispatch.staleMonths', { n: p.staleness.missingMonths.length })}
                        </span>
                      ) : null}
                    </td>
                    <td class="nowrap">{label('city', p.city)}</td>
                    <td>{label('industry', p.industry)}</td>
                    <td class="nowrap">{label('stage', p.stage)}</td>
                    <td>
                      <span class={`badge status-${p.status}`}>{t(`status.${p.status}`)}</span>
                    </td>
                    <td class="num">
                      {p.totalInvestment.currency} <Yuan amount={p.totalInvestment.amount} />
                    </td>
                    <td class="nowrap">{p.registeredOn ?? '—'}</td>
                    <td class="num">{p.openProblems}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.total > PAGE_SIZE ? (
              <div class="pager">
                {page > 1 ? <a href={hrefOf('projects', { ...filters, page: String(page - 1) })}>‹</a> : null}
                <span>
                  {page} / {Math.ceil(result.total / PAGE_SIZE)}
                </span>
                {page * PAGE_SIZE < result.total ? (
                  <a href={hrefOf('projects', { ...filters, page: String(page + 1) })}>›</a>
                ) : null}
              </div>
            ) : null}
          </>
        )}
      </Loaded>
    </div>
  );
}
