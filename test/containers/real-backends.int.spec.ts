import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describeEventStoreContract } from '@itp/event-store/contract/event-store.contract';
import { EventStoreDbEventStore } from '@itp/event-store';
import { describeReadStoreContract } from '@itp/read-store/contract/read-store.contract';
import { MongoReadStore, type MongoReadStoreOptions } from '@itp/read-store';

/**
 * The production backends for real, in containers: EventStoreDB 24.10 and MongoDB 7.0 (a one-member replica set,
 * as production runs a replica set) are started with `docker run`, and the project's EventStore and ReadStore
 * contract suites run against them. Needs a Docker engine (`docker info` exits 0); without one the suites are
 * declared skipped and say so on stderr. `npm run test:containers` runs this file alone.
 *
 * ITP_TEST_EVENTSTORE_IMAGE and ITP_TEST_MONGO_IMAGE override the images. Containers carry the label
 * itp.test=real-backends and are removed after the run (`docker ps -a --filter label=itp.test=real-backends`
 * finds any left by an interrupted run).
 */

const EVENTSTORE_IMAGE = process.env.ITP_TEST_EVENTSTORE_IMAGE?.trim() || 'eventstore/eventstore:24.10';
const MONGO_IMAGE = process.env.ITP_TEST_MONGO_IMAGE?.trim() || 'mongo:7.0';
const LABEL = 'itp.test=real-backends';

const engine = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 30_000 });
const engineAvailable = engine.status === 0;

const docker = (args: string[], timeoutMs = 60_000): string =>
  execFileSync('docker', args, { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it answers true, or fails naming `what` after `timeoutMs`. */
async function waitFor(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      last = error;
    }
    await sleep(1_000);
  }
  throw new Error(`${what} not ready after ${timeoutMs / 1000} s${last ? `: ${String(last)}` : ''}`);
}

/** Starts a container with `port` published on a random loopback port; answers its id and that port. */
function startContainer(image: string, port: number, env: Record<string, string>, args: string[] = []) {
  docker(['pull', '--quiet', image], 15 * 60_000);
  const name = `itp-test-${image.replace(/[^a-z0-9]+/gi, '-')}-${randomBytes(4).toString('hex')}`;
  const envArgs = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  const id = docker([
    'run',
    '-d',
    '--name',
    name,
    '--label',
    LABEL,
    '-p',
    `127.0.0.1::${port}`,
    ...envArgs,
    image,
    ...args,
  ]);
  const published = docker(['port', id, `${port}/tcp`]).split('\n')[0];
  return { id, port: Number(published.slice(published.lastIndexOf(':') + 1)) };
}

const mongosh = (id: string, script: string): string =>
  docker(['exec', id, 'mongosh', '--quiet', '--eval', script], 30_000);

if (!engineAvailable) {
  const reason = (engine.error?.message ?? engine.stderr ?? '').trim().split('\n').at(-1) ?? '';
  // Each text wrapped at word boundaries into lines of the banner's width.
  const lines = (text: string): string[] =>
    (text.match(/.{1,68}(\s|$)/g) ?? [text]).map((part) => `##  ${part.trim().padEnd(68)}  ##`);
  // Loud on purpose, and straight to stderr: Jest drops the console output of a file whose tests are all skipped.
  process.stderr.write(
    [
      '',
      '#'.repeat(76),
      ...lines('Real-container suites SKIPPED: no Docker engine (docker info):'),
      ...lines(reason),
      ...lines('Nothing was checked against a real EventStoreDB or MongoDB server.'),
      ...lines('With a Docker engine: npm run test:containers'),
      '#'.repeat(76),
      '',
    ].join('\n') + '\n',
  );
  describe.skip('Real backends in containers (SKIPPED: no Docker engine)', () => {
    it(`EventStore contract against ${EVENTSTORE_IMAGE}`, () => undefined);
    it(`ReadStore contract against ${MONGO_IMAGE} (replica set rs0)`, () => undefined);
  });
} else {
  const containers: string[] = [];
  let eventStoreConnectionString = '';
  let mongoOptions: MongoReadStoreOptions | undefined;

  beforeAll(async () => {
    process.stderr.write(
      `\nReal-container suites: Docker engine ${engine.stdout.trim()}, ${EVENTSTORE_IMAGE}, ${MONGO_IMAGE}\n`,
    );

    const eventStore = startContainer(EVENTSTORE_IMAGE, 2113, {
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_CLUSTER_SIZE: '1',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
    });
    containers.push(eventStore.id);
    const mongo = startContainer(MONGO_IMAGE, 27017, {}, ['--replSet', 'rs0', '--bind_ip_all']);
    containers.push(mongo.id);

    await waitFor(`EventStoreDB (${EVENTSTORE_IMAGE})`, async () => {
      const response = await fetch(`http://127.0.0.1:${eventStore.port}/health/live`);
      return response.ok;
    });
    eventStoreConnectionString = `esdb://127.0.0.1:${eventStore.port}?tls=false`;

    await waitFor(`MongoDB (${MONGO_IMAGE})`, () => mongosh(mongo.id, "db.adminCommand('ping').ok") === '1');
    // A one-member set that advertises localhost: the tests connect directly to the published port.
    mongosh(mongo.id, "rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'localhost:27017' }] }).ok");
    await waitFor('MongoDB primary', () => mongosh(mongo.id, 'db.hello().isWritablePrimary') === 'true');
    mongoOptions = {
      uri: `mongodb://127.0.0.1:${mongo.port}/?directConnection=true`,
      dbName: `itp_containers_${randomBytes(4).toString('hex')}`,
    };
    process.stderr.write(`Real-container suites: ${eventStoreConnectionString}, ${mongoOptions.uri}\n`);
  }, 20 * 60_000);

  afterAll(() => {
    for (const id of containers.splice(0)) {
      try {
        docker(['rm', '--force', '--volumes', id]);
      } catch (error) {
        process.stderr.write(`Could not remove container ${id}: ${String(error)}\n`);
      }
    }
  }, 120_000);

  // Catch-up reads of $all on a fresh server and the random histories take longer than Jest's default 5 s.
  jest.setTimeout(60_000);

  describeEventStoreContract(
    `EventStoreDB in a container (${EVENTSTORE_IMAGE})`,
    async () => ({
      store: new EventStoreDbEventStore(eventStoreConnectionString),
      // A new client on the same server: nothing the adapter holds in memory survives, as in a process restart.
      reopen: async () => new EventStoreDbEventStore(eventStoreConnectionString),
    }),
    // EventStoreDB has no index by event id: a reused id in another stream is not detectable (ADR 0002).
    { globallyUniqueEventIds: false },
  );

  describeReadStoreContract(`MongoDB in a container (${MONGO_IMAGE}, replica set rs0)`, {
    persistent: true,
    open: async () => {
      let store = new MongoReadStore(mongoOptions!);
      return {
        store,
        reopen: async () => {
          await store.close();
          store = new MongoReadStore(mongoOptions!);
          return store;
        },
      };
    },
  });
}
