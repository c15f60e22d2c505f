import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { expectNothingAppended } from '../support/command-fixtures';

/**
 * A path the api serves, asked with a method it does not take, is 405 Method Not Allowed with `Allow` and a problem
 * (it was a 404, and QUERY a 400 "must provide a Content-Type"); an unknown path stays a 404.
 */
describe('a method the path is not served with', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const inject = (method: string, url: string, key: string | null = KEYS.admin) =>
    expectNothingAppended(api, async () => {
      const response = await api.app.inject({
        method: method as never,
        url,
        headers: key ? { authorization: `Bearer ${key}` } : {},
      });
      return {
        status: response.statusCode,
        headers: response.headers,
        body: response.body ? response.json() : undefined,
      };
    });

  it.each<[string, string, string]>([
    ['DELETE', '/api/v1/projects', 'GET, HEAD, POST'],
    ['PUT', '/api/v1/projects/some-project', 'GET, HEAD, PATCH'],
    ['TRACE', '/api/v1/reports/monthly-dispatch?month=2014-06', 'GET, HEAD'],
    ['GET', '/api/v1/exchange-rates', 'POST'],
    ['GET', '/api/v1/projects/p-1/problems/q-1/resolution', 'POST'],
    ['DELETE', '/health', 'GET, HEAD'],
    ['POST', '/metrics', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s', async (method, url, allow) => {
    const response = await inject(method, url);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: expect.stringMatching(/\/method-not-allowed$/),
      status: 405,
      allowed: allow.split(', '),
      detail: expect.stringContaining(method),
    });
  });

  it('answers QUERY (a method with a body) with 405 too, before it asks for a Content-Type', async () => {
    const response = await inject('QUERY', '/api/v1/projects/some-project');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, PATCH');
  });

  it('answers 405 without a key as well (the paths and methods are public in the OpenAPI document)', async () => {
    const response = await inject('DELETE', '/api/v1/investors', null);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, POST');
  });

  it('still answers 404 for a path no route serves, and serves the methods a path takes', async () => {
    const unknown = await inject('DELETE', '/api/v1/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.allow).toBeUndefined();
    expect((await inject('GET', '/api/v1/projects')).status).toBe(200);
  });
});
