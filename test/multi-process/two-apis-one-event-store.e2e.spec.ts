import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbEventStore, verifyChain, type RecordedEvent } from '@itp/event-store';
import { EventStoreDbStandIn } from '../../tools/eventstoredb-standin/standin';
import { investorBody, money, projectBody, PROBLEM_TYPE } from '../support/command-fixtures';
import { ADMIN_KEY, ensureBuilt, http, startApiProcess, stopAll, type ItpProcess } from './processes';

/**
 * Two api PROCESSES on one production event store (the EventStoreDB wire stand-in, started here). Their per-stream
 * queues are in-process only, so across processes correctness rests on the store's expected revision and the
 * executor's bounded retry: every acknowledged command is in the stream exactly once, revisions stay contiguous,
 * and a command that gives up is a 409 concurrency problem that appended nothing.
 */
type Answer = { status: number; body: any; api: 'A' | 'B'; tag: string };

const N = 40;

describe('two api processes on one EventStoreDB', () => {
  jest.setTimeout(180_000);
  let standIn: EventStoreDbStandIn;
  let store: EventStoreDbEventStore;
  const dirs: string[] = [];
  let apis: (ItpProcess & { port: number })[];

  beforeAll(async () => {
    ensureBuilt();
    standIn = await EventStoreDbStandIn.create();
    store = new EventStoreDbEventStore(standIn.connectionString);
    apis = [];
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'itp-two-apis-'));
      dirs.push(dir);
      // Each api keeps its own embedded read store (its own data directory), both fed by the one event store.
      apis.push(await startApiProcess({ EVENTSTORE_CONNECTION_STRING: standIn.connectionString, ITP_DATA_DIR: dir }));
    }
  });

  afterAll(async () => {
    await stopAll();
    await store?.close();
    await standIn?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const post = async (api: 0 | 1, path: string, body: unknown, tag: string): Promise<Answer> => {
    const { status, body: answer } = await http(apis[api].port, 'POST', `/api/v1${path}`, { key: ADMIN_KEY, body });
    return { status, body: answer, api: api === 0 ? 'A' : 'B', tag };
  };

  /** A signed project: investor registered on A, project on B, contract on A (cross-process from the start). */
  const signedProject = async (): Promise<string> => {
    const investor = await post(0, '/investors', investorBody(), 'investor');
    expect(investor.status).toBe(201);
    const project = await post(1, '/projects', projectBody(investor.body.id), 'project');
    expect(project.status).toBe(201);
    const signed = await post(0, `/projects/${project.body.id}/contract`, { signedOn: '2014-03-05' }, 'contract');
    expect(signed.status).toBe(200);
    return project.body.id;
  };

  /** Appends the store received for the stream: the executor's attempts, conflicts included. */
  const appendCalls = (streamId: string) =>
    standIn.journal.filter((call) => call.target === 'append' && call.streamName === streamId).length;

  /** What every run must show, whatever the interleaving; answers the figures. */
  const check = (answers: Answer[], events: RecordedEvent[], tagOf: (event: RecordedEvent) => string) => {
    const acknowledged = answers.filter((answer) => answer.status >= 200 && answer.status < 300);
    const refused = answers.filter((answer) => answer.status < 200 || answer.status >= 300);
    // Nothing but success or a concurrency conflict (never a 500).
    for (const answer of refused) {
      expect({ status: answer.status, type: answer.body?.type }).toEqual({
        status: 409,
        type: PROBLEM_TYPE('concurrency-conflict'),
      });
    }
    // Revisions contiguous from 0, and the hash chain holds across both writers.
    expect(events.map((event) => event.revision)).toEqual(events.map((_, index) => index));
    expect(verifyChain(events).valid).toBe(true);
    const commands = events.slice(2); // registered, signed
    // No acknowledged command lost, none doubled, nothing from a refused one.
    expect(commands).toHaveLength(acknowledged.length);
    expect(commands.map(tagOf).sort()).toEqual(acknowledged.map((answer) => answer.tag).sort());
    for (const answer of acknowledged) {
      const event = events[answer.body.revision];
      expect({ tag: tagOf(event), position: event.position }).toEqual({
        tag: answer.tag,
        position: answer.body.position,
      });
    }
    for (const answer of refused) expect(commands.map(tagOf)).not.toContain(answer.tag);
    const attempts = appendCalls(events[0].streamId) - 2;
    return {
      acknowledged: acknowledged.length,
      answered409: refused.length,
      // Every append the store refused for a wrong expected revision was retried by the executor (at most 5 tries).
      appendAttempts: attempts,
      wrongExpectedRevision: attempts - acknowledged.length,
      byApi: {
        A: answers.filter((a) => a.api === 'A' && a.status < 300).length,
        B: answers.filter((a) => a.api === 'B' && a.status < 300).length,
      },
    };
  };

  const report = (what: string, figures: object) =>
    process.stdout.write(`\n[two apis, one EventStoreDB] ${what}: ${JSON.stringify(figures)}\n`);

  it(`${N} concurrent monthly progress reports split across both apis: every acknowledged one is stored exactly once`, async () => {
    const id = await signedProject();
    const months = Array.from({ length: N }, (_, i) => {
      const month = 2 + i; // 2014-03 onwards
      return `${2014 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    });
    const started = Date.now();
    const answers = await Promise.all(
      months.map((month, i) =>
        post(
          (i % 2) as 0 | 1,
          `/projects/${id}/progress-reports`,
          // Cumulative figures growing with the month: valid in whatever order the commands land.
          { month, investmentCompletedToDate: money(`${(i + 1) * 10_000_000}.00`) },
          month,
        ),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const events = await store.readStream(`project-${id}`);
    const figures = check(answers, events, (event) => String(event.data.month));
    report('progress reports', { sent: N, ...figures, seconds });
    expect(figures.acknowledged).toBeGreaterThan(0);

    // Both apis' read models (each its own embedded store) end with the same stream revision as the store.
    const last = events[events.length - 1];
    for (const api of apis) {
      const read = await http(api.port, 'GET', `/api/v1/projects/${id}?minPosition=${last.position}`, {
        key: ADMIN_KEY,
      });
      expect({ status: read.status, etag: read.headers.etag }).toEqual({
        status: 200,
        etag: `"${last.revision}"`,
      });
    }
  });

  it(`${N} concurrent problems raised on one project across both apis: the same guarantees`, async () => {
    const id = await signedProject();
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        post(
          (i % 2) as 0 | 1,
          `/projects/${id}/problems`,
          {
            title: `Problem ${i}`,
            description: 'For the joint conference.',
            assignedUnit: 'land-bureau',
            raisedOn: '2014-06-01',
          },
          `Problem ${i}`,
        ),
      ),
    );
    const events = await store.readStream(`project-${id}`);
    const figures = check(answers, events, (event) => String(event.data.title));
    report('problems raised', { sent: N, ...figures });
  });
});
