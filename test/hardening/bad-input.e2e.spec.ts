import type { AddressInfo } from 'node:net';
import { investorStreamId } from '@itp/domain';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import {
  expectNothingAppended,
  expectProblem,
  fieldsOf,
  givenInvestor,
  investorBody,
  projectBody,
} from '../support/command-fixtures';
import { rawRequest } from '../support/raw-http';

/**
 * Inputs made by hand to break the api: each must be refused with one problem shape and a 4xx, never a 500,
 * and nothing may be appended for it.
 */
describe('hand-made bad input', () => {
  let api: ApiHarness;
  let port: number;

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => api.close());

  /** A request with the body exactly as given (bytes or text), under the admin key. */
  const send = (payload: string | Buffer, contentType = 'application/json', url = '/api/v1/investors') =>
    expectNothingAppended(api, async () => {
      const response = await api.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { authorization: `Bearer ${KEYS.admin}`, 'content-type': contentType },
      });
      return { status: response.statusCode, body: response.json(), headers: response.headers };
    });

  describe('a JSON body', () => {
    it('nested 10,000 levels deep is a 400 naming the body, not a stack overflow', async () => {
      const response = await send('['.repeat(10_000) + ']'.repeat(10_000));
      expectProblem(response, 400, 'invalid-input');
      expect(fieldsOf(response.body)).toEqual(['body']);
      expect(response.body.detail).toMatch(/nested deeper than \d+ levels/);
    });

    it('nested deeply inside an otherwise valid command is refused the same way', async () => {
      const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
      const body = JSON.stringify(investorBody()).replace(/}$/, `,"extra":${deep}}`);
      const response = await send(body);
      expectProblem(response, 400, 'invalid-input');
      expect(fieldsOf(response.body)).toEqual(['body']);
    });

    it('with brackets inside strings counts only real nesting', async () => {
      const response = await api.request('POST', '/api/v1/investors', {
        body: investorBody({ name: `Gree ${'['.repeat(100)}{"\\` }),
      });
      expect(response.status).toBe(201);
    });

    it('that is not valid UTF-8 is a 400, not stored with U+FFFD', async () => {
      const valid = Buffer.from(JSON.stringify(investorBody({ name: 'Gree XX' })), 'utf8');
      const at = valid.indexOf('XX');
      valid[at] = 0xff;
      valid[at + 1] = 0xfe;
      const response = await send(valid);
      expectProblem(response, 400, 'invalid-input');
      expect(fieldsOf(response.body)).toEqual(['body']);
      expect(response.body.detail).toMatch(/UTF-8/);
    });

    it.each(['utf-16', 'UTF-16LE', 'iso-8859-1', '"utf-32"'])('declared charset=%s is a 415', async (charset) => {
      const response = await send(JSON.stringify(investorBody()), `application/json; charset=${charset}`);
      expectProblem(response, 415, 'unsupported-media-type');
      expect(response.body.detail).toMatch(/UTF-8/);
    });

    it.each(['application/json; charset=utf-8', 'application/json; charset="UTF-8"', 'Application/JSON'])(
      'declared as %s is read',
      async (contentType) => {
        const response = await api.app.inject({
          method: 'POST',
          url: '/api/v1/investors',
          payload: JSON.stringify(investorBody()),
          headers: { authorization: `Bearer ${KEYS.admin}`, 'content-type': contentType },
        });
        expect(response.statusCode).toBe(201);
      },
    );

    it('with __proto__ is still refused', async () => {
      const response = await send('{"__proto__":{"admin":true},"name":"x","country":"TW","rankings":[]}');
      expectProblem(response, 400, 'invalid-input');
    });
  });

  describe('text fields', () => {
    const refusals: [string, string][] = [
      ['NUL', 'Gree\u0000Electric'],
      ['a C0 control (ESC)', 'Gree\u001b[31mElectric'],
      ['DEL', 'Gree\u007fElectric'],
      ['a C1 control (NEL)', 'Gree\u0085Electric'],
      ['a lone high surrogate', 'Gree\ud800Electric'],
      ['a lone low surrogate', 'Gree\udc00Electric'],
      ['a right-to-left override', 'Gree\u202eElectric'],
      ['a left-to-right embedding', 'Gree\u202aElectric'],
      ['a first-strong isolate', 'Gree\u2068Electric'],
    ];

    it.each(refusals)('refuse %s with a 400 naming the field', async (_name, value) => {
      const response = await send(JSON.stringify(investorBody({ name: value })));
      expectProblem(response, 400, 'invalid-input');
      expect(fieldsOf(response.body)).toEqual(['name']);
    });

    it('refuse them in nested fields, naming the path as the validation does', async () => {
      const investorId = await givenInvestor(api);
      const body = projectBody(investorId, { introducers: [{ unit: 'hengyang\u0000bureau', share: '1' }] });
      const response = await send(JSON.stringify(body), 'application/json', '/api/v1/projects');
      expectProblem(response, 400, 'invalid-input');
      expect(fieldsOf(response.body)).toEqual(['introducers[0].unit']);
    });

    it('keep ordinary Unicode (CJK, accents, emoji, tabs and new lines in long text) and store it in NFC', async () => {
      const decomposed = 'Cafe\u0301 格力电器 😀';
      const response = await api.request('POST', '/api/v1/investors', { body: investorBody({ name: decomposed }) });
      expect(response.status).toBe(201);
      const [registered] = await api.store.readStream(investorStreamId(response.body.id));
      expect(registered.data.name).toBe('Caf\u00e9 格力电器 😀');
      const amended = await api.request('PATCH', `/api/v1/investors/${response.body.id}`, {
        body: { rankings: ['listed'], reason: 'Line one\n\tLine two\r\n' },
      });
      expect(amended.status).toBe(200);
    });
  });

  describe('numeric query parameters', () => {
    const query = (url: string) => expectNothingAppended(api, () => api.request('GET', url, { key: KEYS.auditor }));

    it.each([
      ['/api/v1/projects?page=1e300', 'page'],
      ['/api/v1/projects?page=9007199254740993', 'page'],
      ['/api/v1/projects?page=1.5', 'page'],
      ['/api/v1/projects?page=0x10', 'page'],
      ['/api/v1/projects?page=', 'page'],
      ['/api/v1/projects?pageSize=1e2', 'pageSize'],
      ['/api/v1/projects?minPosition=1e300', 'minPosition'],
      ['/api/v1/projects?minPosition=-1', 'minPosition'],
      ['/api/v1/audit/events?after=1e308', 'after'],
      ['/api/v1/audit/events?after=9007199254740993', 'after'],
      ['/api/v1/audit/events?limit=1e300', 'limit'],
      ['/api/v1/investors?page=1e300', 'page'],
    ])('%s is a 400 naming %s', async (url, field) => {
      const response = await query(url);
      expectProblem(response, 400, 'invalid-input');
      expect(fieldsOf(response.body)).toEqual([field]);
    });

    it('the largest page and cursor allowed are answered', async () => {
      expect((await query('/api/v1/projects?page=100000&pageSize=200')).body).toMatchObject({ items: [] });
      expect((await query('/api/v1/audit/events?after=9007199254740991')).body).toMatchObject({ items: [] });
    });

    it('are typed integer, with their bounds, in the OpenAPI document', async () => {
      const document = (await api.request('GET', '/api/docs-json', { key: null })).body;
      const parameter = (path: string, name: string) =>
        document.paths[path].get.parameters.find((p: { name: string }) => p.name === name).schema;
      expect(parameter('/api/v1/projects', 'page')).toMatchObject({ type: 'integer', minimum: 1, maximum: 100000 });
      expect(parameter('/api/v1/projects', 'minPosition')).toMatchObject({ type: 'integer', minimum: 0 });
      expect(parameter('/api/v1/audit/events', 'after')).toMatchObject({
        type: 'integer',
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
      });
    });
  });

  describe('errors Fastify answers on its own are problems too', () => {
    const get = (url: string) =>
      expectNothingAppended(api, async () => {
        const response = await api.app.inject({
          method: 'GET',
          url,
          headers: { authorization: `Bearer ${KEYS.admin}` },
        });
        return { status: response.statusCode, body: response.json(), headers: response.headers };
      });

    it('a URL that is not valid percent-encoding is a 400', async () => {
      expectProblem(await get('/api/v1/projects/%E0%A4%A'), 400, 'invalid-input');
    });

    it('a path parameter longer than the router takes is a 414', async () => {
      expectProblem(await get(`/api/v1/projects/${'a'.repeat(500)}`), 414, 'uri-too-long');
    });

    it('a path parameter longer than the router takes is a 414 over a real socket', async () => {
      const answer = await rawRequest(
        port,
        `GET /api/v1/projects/${'a'.repeat(500)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEYS.admin}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer.status).toBe(414);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status: 414, type: expect.stringMatching(/uri-too-long$/) });
    });

    it('headers larger than the server takes are a 431 over a real socket', async () => {
      const before = await api.store.headPosition();
      const answer = await rawRequest(
        port,
        `POST /api/v1/investors HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`,
      );
      expect(answer.status).toBe(431);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status: 431, title: expect.any(String), detail: expect.any(String) });
      expect(await api.store.headPosition()).toBe(before);
    });

    it('a URL longer than the server takes is answered as a problem over a real socket', async () => {
      const answer = await rawRequest(port, `GET /api/v1/projects?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect([414, 431]).toContain(answer.status);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('a request that is not HTTP is a 400 over a real socket', async () => {
      const answer = await rawRequest(port, 'HELLO\r\n\r\n');
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status: 400, type: expect.stringMatching(/invalid-input$/) });
    });
  });
});
