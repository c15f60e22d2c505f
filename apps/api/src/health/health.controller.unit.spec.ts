import type { EventStore } from '@itp/event-store';
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

const check = async (options: { readStoreUp?: boolean; states?: ProjectionStatus['state'][] }) => {
  const eventStore = { health: async () => ({ backend: 'sqlite', reachable: true }) } as unknown as EventStore;
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
  const body = await new HealthController(eventStore, readStore, host).health(reply as never);
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
});
