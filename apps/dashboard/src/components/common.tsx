import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client';
import { useSession, type ApiState } from '../api/use-api';
import { groupDigits } from '../format';
import { useI18n } from '../i18n/i18n';
import { hrefOf } from '../router';

/** One headline figure: a label, the value, and what it is measured against. */
export function Figure(props: { label: string; value: string; sub?: string; testId?: string; tone?: 'ok' | 'warn' }) {
  return (
    <div class={`figure ${props.tone ?? ''}`}>
      <div class="figure-label">{props.label}</div>
      <div class="figure-value" data-testid={props.testId}>
        {props.value}
      </div>
      {props.sub ? <div class="figure-sub">{props.sub}</div> : null}
    </div>
  );
}

/** Yuan, exact as the api sent them, grouped by thousands. */
export function Yuan(props: { amount: string | null | undefined; testId?: string }) {
  return (
    <span class="num" data-testid={props.testId}>
      {props.amount == null ? '—' : groupDigits(props.amount)}
    </span>
  );
}

export function ProjectLink(props: { id: string; name: string }) {
  return <a href={hrefOf('project', {}, props.id)}>{props.name}</a>;
}

export function PageHeader(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <h1>{props.title}</h1>
      <div class="controls">{props.children}</div>
    </div>
  );
}

/** What an error means for the person looking: no right to read it, nothing there, or a fault. */
export function ErrorNote(props: { error: ApiError | Error }) {
  const { t } = useI18n();
  const { error } = props;
  const message =
    error instanceof ApiError && error.status === 403
      ? t('error.forbidden')
      : error instanceof ApiError && error.status === 404
        ? t('error.notFound')
        : t('error.failed', { detail: error.message });
  return (
    <div class="note error" role="alert" data-testid="error">
      {message}
    </div>
  );
}

/** Renders the data once it is there; loading and errors in its place otherwise. */
export function Loaded<T>(props: { state: ApiState<T>; children: (data: T) => ComponentChildren }) {
  const { t } = useI18n();
  if (props.state.status === 'loading') return <div class="note">{t('loading')}</div>;
  if (props.state.status === 'error') return <ErrorNote error={props.state.error} />;
  return <>{props.children(props.state.data)}</>;
}

export function Section(props: { title: string; children: ComponentChildren; aside?: ComponentChildren }) {
  return (
    <section class="section">
      <div class="section-header">
        <h2>{props.title}</h2>
        {props.aside}
      </div>
      {props.children}
    </section>
  );
}

/** For a city-scoped key: what it sees (province-wide figures, its own cities' records), as the api says (ADR 0009). */
export function ScopeNote() {
  const { t, label } = useI18n();
  const { readScope } = useSession();
  if (readScope === null || readScope === '*') return null;
  return (
    <p class="note" data-testid="scope-note">
      {t('scope.cities', { cities: readScope.map((code) => label('city', code)).join('、') })}
    </p>
  );
}
