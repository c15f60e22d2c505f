import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, verifyChain, type RecordedEvent } from '@itp/event-store';
import { ALL_PROJECTIONS } from '@itp/projections';
import { ProjectionRunner } from '@itp/projections/runner';
import { EmbeddedReadStore } from '@itp/read-store';
import { seededRandom } from '@itp/projections/simulation/seeded-random';

/**
 * kill -9 in the middle of concurrent commands, several times, on one data directory: the api runs as a real
 * child process on a real port, 16 clients send commands with Idempotency-Keys and retry what was in flight
 * after each restart. Then: every acknowledged command is stored exactly once, every stream's chain verifies,
 * and the read models the api kept equal a rebuild from the log. The figures are printed.
 */
const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
const KEY = 'kill-9-admin-key-0000000001';
const ROUNDS = 4;
const CLIENTS = 16;
jest.setTimeout(300_000);

type Sent = { key: string; path: string; body: object; kind: 'register' | 'progress' };
type Ack = Sent & { id: string; revision: number; position: number };

/** This process's environment without the backends a calling shell may name (CI exports FerretDB's MONGODB_URI). */
const embeddedDefaultEnv = (): NodeJS.ProcessEnv => {
  const {
    MONGODB_URI: _m,
    MONGODB_DB: _d,
    EVENTSTORE_CONNECTION_STRING: _e,
    ITP_PROJECTIONS_IN_PROCESS: _p,
    ...env
  } = process.env;
  return env;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kill -9 under concurrent load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itp-kill9-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const random = seededRandom(Number(process.env.KILL9_SEED ?? Date.now() % 100_000));
  const acknowledged = new Map<string, Ack>();
  const inFlight = new Map<string, Sent>();
  let child: ChildProcess | undefined;
  let investorId = '';
  let sent = 0;

  const start = async (): Promise<void> => {
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...embeddedDefaultEnv(),
        PORT: String(port),
        ITP_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        ITP_API_KEYS: JSON.stringify([{ key: KEY, role: 'admin', unit: 'kill-9', cities: '*' }]),
      },
      stdio: 'ignore',
    });
    for (let tries = 0; tries < 200; tries++) {
      const health = await fetch(`${base}/health`).catch(() => undefined);
      if (health?.ok) return;
      await sleep(50);
    }
    throw new Error('the api did not start');
  };
  const kill = async (): Promise<void> => {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child?.kill('SIGKILL');
    await exited;
  };

  const send = async (command: Sent): Promise<void> => {
    inFlight.set(command.key, command);
    const response = await fetch(`${base}${command.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'idempotency-key': command.key },
      body: JSON.stringify(command.body),
    }).catch(() => undefined);
    if (response === undefined) return; // killed under it: retried after the restart
    const body = (await response.json().catch(() => undefined)) as
      { id: string; revision: number; position: number } | undefined;
    if (response.status >= 500 || body === undefined) return;
    if (response.status >= 300) throw new Error(`${command.path}: ${response.status} ${JSON.stringify(body)}`);
    const earlier = acknowledged.get(command.key);
    if (earlier && (earlier.position !== body.position || earlier.id !== body.id))
      throw new Error(`${command.key} answered differently after a retry`);
    acknowledged.set(command.key, { ...command, ...body });
    inFlight.delete(command.key);
  };

  const nextCommand = (): Sent => {
    const projects = [...acknowledged.values()].filter((ack) => ack.kind === 'register');
    const n = sent++;
    if (projects.length < 8 || random.chance(0.3)) {
      return {
        key: `register-${n}`,
        kind: 'register',
        path: '/api/v1/projects',
        body: {
          name: `Kill-9 project ${n}`,
          investorId,
          city: '430100',
          industry: 'new_materials',
          capitalType: 'domestic',
          totalInvestment: { amount: '250000000.00', currency: 'CNY' },
          sourceRegions: ['pearl_river_delta'],
          leadChannel: 'chamber_or_association',
          introducers: [{ unit: 'changsha-commerce-bureau', share: '1' }],
          stage: 'intention',
          identifiedOn: '2014-01-10',
        },
      };
    }
    const project = random.pick(projects);
    return {
      key: `problem-${n}`,
      kind: 'progress',
      path: `/api/v1/projects/${project.id}/problems`,
      body: {
        title: `Problem ${n}`,
        description: 'raised under load',
        assignedUnit: 'land-resources-department',
        raisedOn: '2014-06-01',
      },
    };
  };

  beforeAll(async () => {
    if (!existsSync(MAIN)) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    await start();
    const investor = await fetch(`${base}/api/v1/investors`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'idempotency-key': 'investor' },
      body: JSON.stringify({ name: 'Kill-9 investor', country: 'HK', rankings: [] }),
    });
    investorId = ((await investor.json()) as { id: string }).id;
    for (let round = 0; round < ROUNDS; round++) {
      const retries = [...inFlight.values()];
      let stopped = false;
      const clients = Array.from({ length: CLIENTS }, async (_, i) => {
        if (i === 0) for (const command of retries) await send(command);
        while (!stopped) await send(nextCommand());
      });
      await sleep(300 + random.int(0, 1200));
      await kill();
      stopped = true;
      await Promise.all(clients);
      await start();
    }
    for (const command of [...inFlight.values()]) await send(command);
    await kill();
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stores every acknowledged command exactly once, and loses none', async () => {
    const store = new SqliteEventStore({ filePath: join(dataDir, 'events.sqlite') });
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    await store.close();
    const byPosition = new Map(events.map((event) => [event.position, event]));
    const lost = [...acknowledged.values()].filter(
      (ack) => byPosition.get(ack.position)?.streamId !== `project-${ack.id}`,
    );
    const commands = events.map((event) => `${event.streamId}/${event.metadata.commandId as string}/${event.type}`);
    const duplicated = commands.length - new Set(commands).size;
    process.stdout.write(
      `kill -9: ${ROUNDS} kills, ${sent} commands sent, ${acknowledged.size} acknowledged, ${lost.length} lost, ${duplicated} duplicated, ${inFlight.size} never answered\n`,
    );
    expect(acknowledged.size).toBeGreaterThan(ROUNDS * CLIENTS);
    expect(lost).toEqual([]);
    expect(duplicated).toBe(0);
    expect(inFlight.size).toBe(0);
  });

  it("keeps every stream's chain whole", async () => {
    const store = new SqliteEventStore({ filePath: join(dataDir, 'events.sqlite') });
    const streams = new Map<string, RecordedEvent[]>();
    for await (const event of store.readAll())
      streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
    await store.close();
    expect([...streams.values()].map(verifyChain).filter((result) => !result.valid)).toEqual([]);
  });

  it('has read models equal to a rebuild from the log', async () => {
    await start();
    const head = await (async () => {
      const store = new SqliteEventStore({ filePath: join(dataDir, 'events.sqlite') });
      const position = await store.headPosition();
      await store.close();
      return position;
    })();
    // Read-your-writes waits up to 5 s per request; a restarted api on a busy machine may need a few of them.
    let status = 0;
    for (let tries = 0; tries < 12 && status !== 200; tries++) {
      status = (
        await fetch(`${base}/api/v1/projects?minPosition=${head}`, { headers: { authorization: `Bearer ${KEY}` } })
      ).status;
    }
    expect(status).toBe(200);
    await kill();
    const eventStore = new SqliteEventStore({ filePath: join(dataDir, 'events.sqlite') });
    const kept = new EmbeddedReadStore({ filePath: join(dataDir, 'read-models.sqlite') });
    const rebuilt = new EmbeddedReadStore({ filePath: ':memory:' });
    const runner = new ProjectionRunner({ eventStore, readStore: rebuilt, projections: ALL_PROJECTIONS });
    await runner.start();
    expect(
      await runner.waitFor(
        head,
        ALL_PROJECTIONS.map((projection) => projection.name),
        60_000,
      ),
    ).toBe(true);
    const documents = (store: EmbeddedReadStore) =>
      Promise.all(
        ALL_PROJECTIONS.map((projection) => store.collection(projection.collection).find({}, { sort: { _id: 1 } })),
      );
    expect(await documents(kept)).toEqual(await documents(rebuilt));
    await runner.stop();
    await Promise.all([eventStore.close(), kept.close(), rebuilt.close()]);
  });
});
