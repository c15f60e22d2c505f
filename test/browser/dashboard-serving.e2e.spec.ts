import { buildDashboard } from '../../apps/dashboard/build';
import { startApi, type ApiHarness } from '../support/api-harness';

/** The dashboard is served by the api itself at `/`, public, without catching anything of the api. */
describe('the dashboard served at /', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    await buildDashboard();
    api = await startApi();
  }, 60_000);
  afterAll(() => api.close());

  const get = (url: string) => api.app.inject({ method: 'GET', url });

  it('answers the page and its assets without a key, with a same-origin content security policy', async () => {
    const page = await get('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<script type="module" src="/assets/app.js">');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    for (const asset of ['/assets/app.js', '/assets/styles.css', '/favicon.svg', '/index.html']) {
      expect([asset, (await get(asset)).statusCode]).toEqual([asset, 200]);
    }
  });

  it('leaves the api, health and metrics alone: unknown paths are still the api 404, data still needs a key', async () => {
    // Without a key the api may refuse before it routes (401); either way it is the api answering, not the page.
    const unknownApi = await get('/api/v1/no-such-thing');
    expect([401, 404]).toContain(unknownApi.statusCode);
    expect(unknownApi.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await api.request('GET', '/api/v1/no-such-thing')).status).toBe(404);
    expect((await get('/assets/no-such-file.js')).statusCode).toBe(404);
    expect((await get('/health')).statusCode).toBe(200);
    expect((await get('/metrics')).statusCode).toBe(401);
    expect((await get('/api/v1/projects')).statusCode).toBe(401);
    expect((await get('/api/docs-json')).statusCode).toBe(200);
  });
});
