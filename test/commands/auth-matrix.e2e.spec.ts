import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { COMMAND_ENDPOINTS, READ_ONLY_KEYS, type CommandEndpoint } from '../support/command-endpoints';
import {
  expectNothingAppended,
  expectProblem,
  givenInvestor,
  givenProject,
  givenRate,
  projectBody,
} from '../support/command-fixtures';

/**
 * Role × endpoint × city scope. Every target is a Hengyang (430400) aggregate prepared by an admin (an investor
 * to amend by the Hengyang key, the unit that registered it); the keys
 * are the harness's: admin (province), integration Hengyang (430400), integration Changsha (430100),
 * reporter and auditor (read-only roles).
 */
describe('who may send which command', () => {
  let api: ApiHarness;
  /** One prepared request per endpoint, for the refusals (a refused command changes nothing, so they can share it). */
  const targets = new Map<string, { url: string; body: Record<string, unknown> }>();

  beforeAll(async () => {
    api = await startApi({ now: '2014-12-31T04:00:00Z' });
    await givenRate(api);
    for (const endpoint of COMMAND_ENDPOINTS) targets.set(endpoint.name, await endpoint.prepare(api));
  });
  afterAll(() => api.close());

  const send = (endpoint: CommandEndpoint, key: string | null, headers: Record<string, string> = {}) => {
    const { url, body } = targets.get(endpoint.name)!;
    return expectNothingAppended(api, () => api.request(endpoint.method, url, { key, body, headers }));
  };
  /** Prepares a fresh target, sends the command with `key`, and checks it was answered and appended. */
  const expectAccepted = async (endpoint: CommandEndpoint, key: string) => {
    const { url, body } = await endpoint.prepare(api);
    const before = await api.store.headPosition();
    const response = await api.request(endpoint.method, url, { key, body });
    expect({ status: response.status, body: response.body }).toMatchObject({
      status: endpoint.success,
      body: { revision: expect.any(Number), position: expect.any(Number) },
    });
    // Exactly one event appended, the one answered (positions grow by 1 on SQLite, by bytes on EventStoreDB).
    const appended = [];
    for await (const event of api.store.readAll({ fromPosition: before })) appended.push(event);
    expect(appended.map((event) => [event.position, event.revision])).toEqual([
      [response.body.position, response.body.revision],
    ]);
  };
  const byName = (endpoints: CommandEndpoint[]) => endpoints.map((endpoint) => [endpoint.name, endpoint] as const);

  describe('without a valid key', () => {
    it.each(byName(COMMAND_ENDPOINTS))(
      '%s answers 401 with WWW-Authenticate, for no key, an unknown key and another scheme',
      async (_name, endpoint) => {
        for (const [key, headers] of [
          [null, {}],
          ['not-a-key-of-this-platform-0000', {}],
          [null, { authorization: `Basic ${Buffer.from(`admin:${KEYS.admin}`).toString('base64')}` }],
        ] as const) {
          const response = await send(endpoint, key, headers);
          expectProblem(response, 401, 'unauthenticated');
          expect(response.headers['www-authenticate']).toBe('Bearer realm="itp"');
        }
      },
    );
  });

  describe.each(READ_ONLY_KEYS)('with the %s key', (role, key) => {
    it.each(byName(COMMAND_ENDPOINTS))('%s answers 403 forbidden-role', async (_name, endpoint) => {
      const response = await send(endpoint, key);
      expectProblem(response, 403, 'forbidden-role');
      expect(response.body.detail).toContain(`Role "${role}"`);
    });
  });

  describe('with the integration key of another city (Changsha) on Hengyang aggregates', () => {
    const cityScoped = COMMAND_ENDPOINTS.filter((endpoint) => endpoint.scope === 'city');

    it.each(byName(cityScoped))('%s answers 403 forbidden-city', async (_name, endpoint) => {
      const response = await send(endpoint, KEYS.integrationChangsha);
      expectProblem(response, 403, 'forbidden-city');
      expect(response.body.detail).toContain('430400');
    });

    it.each(byName(COMMAND_ENDPOINTS.filter((endpoint) => endpoint.scope === 'province')))(
      '%s succeeds: investors are province-wide',
      async (_name, endpoint) => {
        const { url, body } = await endpoint.prepare(api);
        const response = await api.request(endpoint.method, url, { key: KEYS.integrationChangsha, body });
        expect(response.status).toBe(endpoint.success);
      },
    );

    it.each(byName(COMMAND_ENDPOINTS.filter((endpoint) => endpoint.scope === 'unit')))(
      '%s answers 403 forbidden-unit: only the registering unit and admins change an investor',
      async (_name, endpoint) => {
        const response = await send(endpoint, KEYS.integrationChangsha);
        expectProblem(response, 403, 'forbidden-unit');
        expect(response.body.registeredByUnit).toBe('hengyang-commerce-bureau');
      },
    );

    it('POST /exchange-rates answers 403 forbidden-role to any integration key', async () => {
      const endpoint = COMMAND_ENDPOINTS.find((e) => e.scope === 'admin-only')!;
      expectProblem(await send(endpoint, KEYS.integrationChangsha), 403, 'forbidden-role');
      expectProblem(await send(endpoint, KEYS.integrationHengyang), 403, 'forbidden-role');
    });
  });

  describe('with the integration key of the city (Hengyang)', () => {
    it.each(byName(COMMAND_ENDPOINTS.filter((endpoint) => endpoint.scope !== 'admin-only')))(
      '%s succeeds',
      async (_name, endpoint) => {
        await expectAccepted(endpoint, KEYS.integrationHengyang);
      },
    );

    it('may not register a project in Changsha, nor move its project there', async () => {
      const investorId = await givenInvestor(api, KEYS.integrationHengyang);
      const register = await expectNothingAppended(api, () =>
        api.request('POST', '/api/v1/projects', {
          key: KEYS.integrationHengyang,
          body: projectBody(investorId, { city: '430100' }),
        }),
      );
      expectProblem(register, 403, 'forbidden-city');

      const id = await givenProject(api, { investorId }, KEYS.integrationHengyang);
      const move = await expectNothingAppended(api, () =>
        api.request('PATCH', `/api/v1/projects/${id}`, {
          key: KEYS.integrationHengyang,
          body: { city: '430100', reason: 'Relocated' },
        }),
      );
      expectProblem(move, 403, 'forbidden-city');
      expect(move.body.detail).toContain('430100');
    });

    it('may not register a park in Changsha', async () => {
      const response = await expectNothingAppended(api, () =>
        api.request('POST', '/api/v1/parks', {
          key: KEYS.integrationHengyang,
          body: { name: 'Wangcheng ETDZ', city: '430100', level: 'national_etdz' },
        }),
      );
      expectProblem(response, 403, 'forbidden-city');
    });
  });

  describe('with the admin key', () => {
    it.each(byName(COMMAND_ENDPOINTS))('%s succeeds', async (_name, endpoint) => {
      await expectAccepted(endpoint, KEYS.admin);
    });

    it('acts in any city, e.g. registers a project in Changsha and moves it to Yongzhou', async () => {
      const id = await givenProject(api, { city: '430100' });
      const move = await api.request('PATCH', `/api/v1/projects/${id}`, {
        key: KEYS.admin,
        body: { city: '431100', reason: 'Relocated to the Xiangnan zone' },
      });
      expect(move.status).toBe(200);
    });
  });

  describe('GET /health', () => {
    it('needs no key', async () => {
      const response = await api.request('GET', '/health', { key: null });
      expect({ status: response.status, ok: response.body.status }).toEqual({ status: 200, ok: 'ok' });
    });
  });
});
