import type { EventStore } from '@itp/event-store';
import type { Principal, Role } from '@itp/platform';
import type { ProjectionStatus } from '@itp/projections/runner';
import type { ReadStore } from '@itp/read-store';
import type { ProjectionsHost } from '../projections/projections-host.service';
import { HealthController } from './health.controller';

const status = (name: string, state: ProjectionStatus['state']): ProjectionStatus => ({
  name,
  version: 1,
  collection: name,
  checkpoint: 5,
  head: 9,
  lag: 4,
  state,
  lastError: null,
  rebuild: null,
});

const check = async (options: { readStoreUp?: boolean; states?: ProjectionStatus['state'][]; role?: Role | null }) => {
  const eventStore = {
    health: async () => ({ backend: 'sqlite', reachable: true, detail: '/srv/itp/data/events.sqlite: wal' }),
  } as unknown as EventStore;
  const readStore = {
    health: async () => {
      if (options.readStoreUp === false) throw new Error('connection refused');
      return { backend: 'mongodb', reachable: true };
    },
  } as unknown as ReadStore;
  const host = {
    runsIn: 'projector',
    statuses: async () => (options.states ?? ['live']).map((state, i) => status(`p${i}`, state)),
  } as unknown as ProjectionsHost;
  let code = 0;
  const reply = {
    status: (value: number) => {
      code = value;
      return reply;
    },
  };
  const role = options.role === undefined ? 'admin' : options.role;
  const principal = role === null ? undefined : ({ role } as Principal);
  const notary = { integrity: () => ({ state: 'verified', keyId: 'k', head: { seq: 3, position: 3 } }) } as never;
  const body: any = await new HealthController(eventStore, readStore, host, notary).health(reply as never, {
    principal,
  });
  return { code, body };
};

describe('health', () => {
  it('is 200 while projections catch up or rebuild', async () => {
    expect((await check({ states: ['live', 'catching-up', 'rebuilding'] })).code).toBe(200);
  });

  it('is 503 naming a stopped projection', async () => {
    const { code, body } = await check({ states: ['live', 'stopped'] });
    expect(code).toBe(503);
    expect(body).toMatchObject({ status: 'unavailable', stopped: ['p1'] });
  });

  it('is 503 when the read store cannot be reached', async () => {
    const { code, body } = await check({ readStoreUp: false });
    expect(code).toBe(503);
    expect(body.backends.readStore).toEqual({ backend: 'unknown', reachable: false, detail: 'connection refused' });
  });

  describe('without a key, or with a key of a role that does not operate the platform', () => {
    it.each([null, 'reporter', 'integration'] as const)('(%s) shows the status and the lags only', async (role) => {
      const { code, body } = await check({ role, states: ['live', 'catching-up'] });
      expect(code).toBe(200);
      expect(body).toEqual({
        status: 'ok',
        integrity: 'verified',
        projections: [
          { name: 'p0', lag: 4 },
          { name: 'p1', lag: 4 },
        ],
      });
      expect(JSON.stringify(body)).not.toMatch(/sqlite|\/srv/);
    });

    it('names a stopped projection, but no backend detail, when unavailable', async () => {
      const { code, body } = await check({ role: null, readStoreUp: false, states: ['stopped'] });
      expect(code).toBe(503);
      expect(body).toEqual({
        status: 'unavailable',
        integrity: 'verified',
        projections: [{ name: 'p0', lag: 4 }],
        stopped: ['p0'],
      });
    });
  });

  it.each(['admin', 'auditor'] as const)('shows an %s the backends with their details', async (role) => {
    const { body } = await check({ role });
    expect(body.backends.eventStore.detail).toBe('/srv/itp/data/events.sqlite: wal');
    expect(body.projections[0]).toMatchObject({ checkpoint: 5, head: 9, state: 'live' });
    expect(body.integrity).toMatchObject({ state: 'verified', head: { seq: 3 } });
  });
});
