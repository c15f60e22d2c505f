import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@itp/event-store';
import { loadConfig, type ItpConfig } from '@itp/platform';
import type { InProcessApi } from './recorded-demo';

/** The api application as createApiApp (apps/api/src/bootstrap.ts) builds it: only what is used here. */
export interface ApiApp {
  init(): Promise<unknown>;
  getHttpAdapter(): { getInstance(): { ready(): PromiseLike<unknown> } };
  inject(request: {
    method: 'GET' | 'POST' | 'PATCH';
    url: string;
    payload?: object;
    headers: Record<string, string>;
  }): Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export type CreateApiApp = (config: ItpConfig, options: { quiet?: boolean; clock?: () => Date }) => Promise<ApiApp>;

const ADMIN_KEY = 'demo-2014-recorded-admin-key';
/** Who recorded the demo's commands, as the events' metadata names them. */
const API_KEYS = [
  {
    key: ADMIN_KEY,
    role: 'admin',
    unit: 'provincial-commerce-department',
    cities: '*',
    actor: 'commerce-dept-admin',
  },
];

/**
 * The real api, built by `createApiApp` (the source's under ts-jest, the build's under tsx: esbuild emits no
 * decorator metadata), on the embedded default in a fresh data directory, answering requests in process.
 */
export async function startInProcessApi(
  createApiApp: CreateApiApp,
): Promise<InProcessApi & { close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'itp-demo-recorded-'));
  let now = new Date();
  const config = loadConfig({
    ITP_DATA_DIR: join(dataDir, 'data'),
    ITP_API_KEYS: JSON.stringify(API_KEYS),
    ITP_NOTARY: 'false',
    ITP_SIGNING_KEY_FILE: join(dataDir, 'signing-key.pem'),
    LOG_LEVEL: 'silent',
  });
  const app = await createApiApp(config, { quiet: true, clock: () => now });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const store = new SqliteEventStore({ filePath: join(dataDir, 'data', 'events.sqlite') });
  return {
    async send(request) {
      const response = await app.inject({
        method: request.method,
        url: request.path,
        payload: request.body as object | undefined,
        headers: {
          authorization: `Bearer ${ADMIN_KEY}`,
          ...(request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {}),
        },
      });
      let body: unknown = response.body;
      try {
        body = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.statusCode, body, headers: response.headers };
    },
    setNow: (instant) => {
      now = instant;
    },
    readAll: () => store.readAll(),
    async close() {
      await store.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
