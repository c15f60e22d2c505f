import type { RecordedEvent } from '@itp/event-store';
import { ALL_PROJECTIONS } from '@itp/projections';
import { READ_STORE, type ReadStore } from '@itp/read-store';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { eventStoreDbTarget, type EventStoreDbTarget } from '../support/eventstoredb-target';
import { expectProblem, expectSuccess, givenInvestor, projectBody } from '../support/command-fixtures';

/**
 * The api on EventStoreDB under the faults of a real deployment, played by the wire stand-in: a connection
 * lost after the server stored an append, a server restarted under a live subscription, deadline-exceeded and
 * not-leader answers, connections refused for a while. After each: no acknowledged event lost, none stored
 * twice, and the read models equal to a rebuild from the log.
 */
jest.setTimeout(60_000);

let target: EventStoreDbTarget;
let api: ApiHarness;
let standIn: NonNullable<EventStoreDbTarget['standIn']>;
let investorId: string;
const acknowledged: { id: string; position: number }[] = [];

const readAll = async (app: ApiHarness): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of app.store.readAll()) events.push(event);
  return events;
};

/** Sends a command; a 2xx answer is an acknowledged write, remembered to be checked at the end. */
const registerProject = async (name: string, idempotencyKey: string) => {
  const response = await api.request('POST', '/api/v1/projects', {
    body: projectBody(investorId, { name }),
    headers: { 'Idempotency-Key': idempotencyKey },
  });
  if (response.status === 201) acknowledged.push({ id: response.body.id, position: response.body.position });
  return response;
};

/** A 2xx answer (with its headers), or the test fails naming what came back. */
const accepted = <R extends { status: number }>(response: R, status: 200 | 201): R => {
  expectSuccess(response as R & { body: unknown }, status);
  return response;
};

/** The read models' answer once they have folded `position`: a runner that lost the store retries with backoff. */
const readWhenFolded = async (path: string, position: number) => {
  for (let tries = 0; ; tries++) {
    const response = await api.request('GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, {
      key: KEYS.reporter,
    });
    if (response.status !== 503 || tries >= 6) return response;
  }
};

const expectStoredOnce = async (projectId: string) => {
  const stream = await api.store.readStream(`project-${projectId}`);
  expect(stream.map((event) => event.type)).toEqual(['ProjectRegistered']);
  return stream[0];
};

beforeAll(async () => {
  target = await eventStoreDbTarget();
  if (!target.standIn) throw new Error('The fault suite needs the stand-in: unset EVENTSTORE_CONNECTION_STRING');
  standIn = target.standIn;
  api = await startApi({ eventStore: 'eventstoredb', env: { EVENTSTORE_CONNECTION_STRING: target.connectionString } });
  investorId = await givenInvestor(api);
});
afterAll(async () => {
  await api?.close();
  await target?.close();
});

describe('the api on EventStoreDB', () => {
  describe('when the connection drops after the server stored an append, before it answered', () => {
    it('sends it again with the same ids and answers the original result: stored once', async () => {
      standIn.faults.inject('append', { kind: 'drop-after-persist' });
      const response = accepted(await registerProject('Lens phase II', 'drop-after-persist'), 201);
      const stored = await expectStoredOnce(response.body.id);
      expect(stored.position).toBe(response.body.position);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
      expect(standIn.faults.pending).toBe(0);
    });

    it('answers a client retry with the same key from what was stored', async () => {
      const retried = accepted(await registerProject('Lens phase II', 'drop-after-persist'), 201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      await expectStoredOnce(retried.body.id);
    });
  });

  describe.each([
    ['deadline-exceeded', { kind: 'deadline-exceeded' as const }],
    ['unavailable', { kind: 'unavailable' as const }],
  ])('when an append is answered %s', (name, fault) => {
    it('tries again and stores the command once', async () => {
      standIn.faults.inject('append', fault);
      const response = accepted(await registerProject(`After ${name}`, `fault-${name}`), 201);
      await expectStoredOnce(response.body.id);
      expect(standIn.faults.pending).toBe(0);
    });
  });

  describe('when the node answers that it is not the leader', () => {
    it('follows the leader it names and stores the command once', async () => {
      standIn.faults.inject('append', { kind: 'not-leader', ...standIn.endpoint });
      const response = accepted(await registerProject('After not-leader', 'fault-not-leader'), 201);
      await expectStoredOnce(response.body.id);
    });
  });

  describe('when the server refuses connections for longer than a command may wait', () => {
    it('answers 503 with Retry-After and stores nothing, /health says so, and all recovers on its own', async () => {
      const before = (await readAll(api)).length;
      const outage = standIn.refuseConnectionsFor(9_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const health = await api.request('GET', '/health', { key: KEYS.auditor });
      expect(health.status).toBe(503);
      expect(health.body.backends.eventStore.reachable).toBe(false);
      const refused = await registerProject('During the outage', 'during-outage');
      expectProblem(refused, 503, 'backend-unavailable');
      expect(refused.headers['retry-after']).toBe('2');
      await outage;
      expect((await api.request('GET', '/health', { key: KEYS.auditor })).body.backends.eventStore.reachable).toBe(
        true,
      );
      expect((await readAll(api)).length).toBe(before);
      const retried = accepted(await registerProject('During the outage', 'during-outage'), 201);
      await expectStoredOnce(retried.body.id);
    });
  });

  describe('when the server restarts under the live subscription of the projections', () => {
    it('resubscribes from the checkpoints: every acknowledged command is folded once', async () => {
      const settled = accepted(await registerProject('Before the restart', 'before-restart'), 201);
      expect((await readWhenFolded(`/api/v1/projects/${settled.body.id}`, settled.body.position)).status).toBe(200);
      await standIn.restart();
      const after = accepted(await registerProject('After the restart', 'after-restart'), 201);
      const read = await readWhenFolded('/api/v1/projects?pageSize=100', after.body.position);
      expect(read.status).toBe(200);
      expect(read.body.items.map((item: { projectId: string }) => item.projectId).sort()).toEqual(
        acknowledged
          .map(({ id }) => id)
          .filter((id, i, all) => all.indexOf(id) === i)
          .sort(),
      );
    });
  });

  describe('after every fault', () => {
    it('has every acknowledged command stored exactly once', async () => {
      const registered = (await readAll(api)).filter((event) => event.type === 'ProjectRegistered');
      const ids = registered.map((event) => event.data.projectId);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...new Set(acknowledged.map(({ id }) => id))].sort()).toEqual([...ids].sort());
    });

    it('has read models equal to a rebuild from the log', async () => {
      const head = await api.store.headPosition();
      const fresh = await startApi({
        eventStore: 'eventstoredb',
        env: { EVENTSTORE_CONNECTION_STRING: target.connectionString },
      });
      try {
        expect((await readWhenFolded('/api/v1/projects', head)).status).toBe(200);
        expect(
          (await fresh.request('GET', `/api/v1/projects?minPosition=${head}`, { key: KEYS.reporter })).status,
        ).toBe(200);
        const documents = (app: ApiHarness) => {
          const store = app.app.get<ReadStore>(READ_STORE);
          return Promise.all(
            ALL_PROJECTIONS.map((projection) => store.collection(projection.collection).find({}, { sort: { _id: 1 } })),
          );
        };
        expect(await documents(api)).toEqual(await documents(fresh));
      } finally {
        await fresh.close();
      }
    });
  });
});
