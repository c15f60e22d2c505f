import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@itp/platform';
import { EVENT_STORE, type EventStore } from '@itp/event-store';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { eventStoreDbTarget, type EventStoreDbTarget } from './eventstoredb-target';

/** Keys of every role and scope the e2e suites need. */
export const KEYS = {
  admin: 'test-admin-key-000000000001',
  integrationHengyang: 'test-integration-hengyang-01',
  integrationChangsha: 'test-integration-changsha-01',
  reporter: 'test-reporter-key-000000001',
  reporterChangsha: 'test-reporter-changsha-0001',
  auditor: 'test-auditor-key-0000000001',
  auditorChangsha: 'test-auditor-changsha-00001',
} as const;

const API_KEYS = [
  { key: KEYS.admin, role: 'admin', unit: 'provincial-commerce-department', cities: '*', actor: 'admin-user' },
  {
    key: KEYS.integrationHengyang,
    role: 'integration',
    unit: 'hengyang-commerce-bureau',
    cities: ['430400'],
    actor: 'hengyang-client',
  },
  {
    key: KEYS.integrationChangsha,
    role: 'integration',
    unit: 'changsha-commerce-bureau',
    cities: ['430100'],
    actor: 'changsha-client',
  },
  { key: KEYS.reporter, role: 'reporter', unit: 'statistics-office', cities: '*', actor: 'reporting-service' },
  { key: KEYS.reporterChangsha, role: 'reporter', unit: 'changsha-commerce-bureau', cities: ['430100'] },
  { key: KEYS.auditor, role: 'auditor', unit: 'audit-office', cities: '*', actor: 'auditor-1' },
  { key: KEYS.auditorChangsha, role: 'auditor', unit: 'changsha-audit-bureau', cities: ['430100'] },
];

/**
 * The event store an e2e api runs on: the embedded SQLite log by default; EventStoreDB (the wire stand-in, or
 * the server EVENTSTORE_CONNECTION_STRING names) when ITP_E2E_EVENT_STORE=eventstoredb, as the jest project
 * `e2e-eventstoredb` sets it, so that the command suites run on both backends.
 */
export const e2eEventStore = (): 'sqlite' | 'eventstoredb' =>
  process.env.ITP_E2E_EVENT_STORE === 'eventstoredb' ? 'eventstoredb' : 'sqlite';

export interface ApiHarness {
  app: NestFastifyApplication;
  /** The EventStoreDB the api runs on, when it does (its stand-in takes faults). */
  eventStoreDb?: EventStoreDbTarget;
  store: EventStore;
  dataDir: string;
  /** Sets "now" for the commands that follow (business dates may not be after today). */
  setNow(iso: string): void;
  request(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    options?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Starts the real api on the embedded default in a fresh data directory, in-process (Fastify inject). */
export async function startApi(
  options: {
    now?: string;
    env?: Record<string, string>;
    eventLog?: string;
    eventStore?: 'sqlite' | 'eventstoredb';
  } = {},
): Promise<ApiHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'itp-e2e-'));
  // A committed event log to start from (a copy: the fixture itself is never written).
  if (options.eventLog) copyFileSync(options.eventLog, join(dataDir, 'events.sqlite'));
  let now = new Date(options.now ?? '2014-12-31T04:00:00Z');
  const eventStoreDb =
    (options.eventStore ?? e2eEventStore()) === 'eventstoredb' ? await eventStoreDbTarget() : undefined;
  const config = loadConfig({
    ...(eventStoreDb ? { EVENTSTORE_CONNECTION_STRING: eventStoreDb.connectionString } : {}),
    ITP_DATA_DIR: dataDir,
    ITP_API_KEYS: JSON.stringify(API_KEYS),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = await createApiApp(config, { quiet: true, clock: () => now });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    eventStoreDb,
    store: app.get<EventStore>(EVENT_STORE),
    dataDir,
    setNow: (iso) => {
      now = new Date(iso);
    },
    async request(method, url, { key = KEYS.admin, body, headers = {} } = {}) {
      const response = await app.inject({
        method,
        url,
        payload: body === undefined ? undefined : (body as object),
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      });
      const text = response.body;
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: leave the text
      }
      return { status: response.statusCode, body: parsed, headers: response.headers };
    },
    async close() {
      await app.close();
      await eventStoreDb?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
