import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { investorBody } from '../support/command-fixtures';
import { rawExchange, type RawAnswer } from '../support/raw-http';

jest.setTimeout(15_000);

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
/** Node looks at its connections every half headers timeout here (at most 1 s): the cut comes within that. */
const CHECK_SLACK_MS = 1_000;

/**
 * Clients that send slowly, or without a key, over a real socket: each is cut off within the configured time
 * (or at once when it has no key), answered with a problem, and nothing is appended.
 */
describe('slow and unauthenticated clients', () => {
  let api: ApiHarness;
  let port: number;
  const body = JSON.stringify(investorBody());

  beforeAll(async () => {
    api = await startApi({
      env: {
        ITP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        ITP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        ITP_BODY_LIMIT_BYTES: '4096',
      },
    });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => api.close());

  const head = (authorization: string | null, length = body.length) =>
    `POST /api/v1/investors HTTP/1.1\r\nHost: itp\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n` +
    (authorization ? `Authorization: ${authorization}\r\n` : '') +
    '\r\n';

  /** Sends the headers at once, then the body one byte every `everyMs` until the server answers or closes. */
  const trickle = (authorization: string | null, everyMs: number) =>
    rawExchange(
      port,
      async (socket) => {
        socket.write(head(authorization));
        for (const byte of body) {
          if (socket.destroyed) return;
          await sleep(everyMs);
          if (!socket.destroyed) socket.write(byte);
        }
      },
      30_000,
    );

  const expectProblemAnswer = (answer: RawAnswer, status: number) => {
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  };

  it('cuts off a body sent slowly with a valid key within the request timeout, with a 408', async () => {
    const before = await api.store.headPosition();
    const answer = await trickle(`Bearer ${KEYS.admin}`, 100);
    expectProblemAnswer(answer, 408);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(answer.elapsedMs).toBeLessThan(REQUEST_TIMEOUT_MS + CHECK_SLACK_MS + 500);
    expect(await api.store.headPosition()).toBe(before);
  });

  it('cuts off headers sent slowly within the headers timeout, with a 408', async () => {
    const answer = await rawExchange(port, async (socket) => {
      for (const line of ['POST /api/v1/investors HTTP/1.1\r\n', 'Host: itp\r\n', 'X-Slow: 1\r\n', 'X-Slow: 2\r\n']) {
        if (socket.destroyed) return;
        socket.write(line);
        await sleep(600);
      }
    });
    expectProblemAnswer(answer, 408);
    expect(answer.elapsedMs).toBeLessThan(HEADERS_TIMEOUT_MS + CHECK_SLACK_MS + 500);
  });

  it.each([
    ['no key', null],
    ['an unknown key', 'Bearer not-a-key-of-this-platform-0000'],
    ['another scheme', `Basic ${Buffer.from(`admin:${KEYS.admin}`).toString('base64')}`],
  ])('answers a slow body with %s 401 at once, before the body arrives, and closes', async (_name, authorization) => {
    const before = await api.store.headPosition();
    const answer = await trickle(authorization, 1_000);
    expectProblemAnswer(answer, 401);
    expect(answer.headers['www-authenticate']).toBe('Bearer realm="itp"');
    expect(answer.headers.connection).toBe('close');
    expect(answer.elapsedMs).toBeLessThan(900);
    expect(await api.store.headPosition()).toBe(before);
  });

  it('answers a body larger than the configured limit 413 from its Content-Length, before reading it', async () => {
    const answer = await rawExchange(port, (socket) => void socket.write(head(`Bearer ${KEYS.admin}`, 100_000)));
    expectProblemAnswer(answer, 413);
    expect(answer.elapsedMs).toBeLessThan(900);
  });

  it('still answers public pages without a key', async () => {
    const health = await api.request('GET', '/health', { key: null });
    expect(health.status).toBe(200);
    expect((await api.request('GET', '/api/docs-json', { key: null })).status).toBe(200);
  });

  it('answers a body without a key to a path no route serves 404 at once, before the body arrives', async () => {
    const answer = await rawExchange(
      port,
      (socket) =>
        void socket.write(
          'POST /api/v1/nothing-here HTTP/1.1\r\nHost: itp\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
        ),
    );
    expectProblemAnswer(answer, 404);
    expect(answer.elapsedMs).toBeLessThan(900);
  });
});
