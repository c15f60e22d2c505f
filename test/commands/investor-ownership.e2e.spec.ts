import { investorStreamId } from '@itp/domain';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import { expectNothingAppended, expectProblem, givenInvestor, investorBody } from '../support/command-fixtures';

/**
 * Investors are province-wide: any integration key registers one, any project names one. Amending one is kept
 * to admins and to the keys of the unit that registered it (InvestorRegistered's registeredByUnit).
 */
describe('who may amend an investor', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const amend = (id: string, key: string, reason = 'Listed in Shenzhen') =>
    api.request('PATCH', `/api/v1/investors/${id}`, { key, body: { rankings: ['listed'], reason } });

  describe('an investor registered by the Hengyang bureau', () => {
    let id: string;
    beforeAll(async () => {
      id = await givenInvestor(api, KEYS.integrationHengyang, { rankings: [] });
    });

    it('records the registering unit in the event', async () => {
      const [registered] = await api.store.readStream(investorStreamId(id));
      expect(registered.data.registeredByUnit).toBe('hengyang-commerce-bureau');
    });

    it('may not be amended by the Changsha bureau: 403 forbidden-unit naming the unit, nothing appended', async () => {
      const response = await expectNothingAppended(api, () => amend(id, KEYS.integrationChangsha));
      expectProblem(response, 403, 'forbidden-unit');
      expect(response.body).toMatchObject({ registeredByUnit: 'hengyang-commerce-bureau' });
      expect(response.body.detail).toContain('changsha-commerce-bureau');
    });

    it('is amended by the Hengyang bureau', async () => {
      expect((await amend(id, KEYS.integrationHengyang)).status).toBe(200);
    });

    it('is amended by an admin', async () => {
      const response = await api.request('PATCH', `/api/v1/investors/${id}`, {
        key: KEYS.admin,
        body: { rankings: ['listed', 'china_top_100'], reason: 'Ranked' },
      });
      expect(response.status).toBe(200);
    });

    it('is still named in another bureau’s projects: registering is province-wide', async () => {
      const again = await api.request('POST', '/api/v1/investors', {
        key: KEYS.integrationChangsha,
        body: investorBody({ name: 'Another investor', unifiedSocialCreditCode: undefined, country: 'TW' }),
      });
      expect(again.status).toBe(201);
    });
  });

  describe('an investor registered by an admin', () => {
    it('may not be amended by an integration key of a unit that did not register it', async () => {
      const id = await givenInvestor(api, KEYS.admin);
      const response = await expectNothingAppended(api, () => amend(id, KEYS.integrationHengyang));
      expectProblem(response, 403, 'forbidden-unit');
      expect(response.body.registeredByUnit).toBe('provincial-commerce-department');
    });
  });

  it('an unknown investor is still a 404 for any key', async () => {
    const response = await amend('5f0c8a52-4d1e-4b8e-9b3c-2a1d0e9f8c7b', KEYS.integrationChangsha);
    expect(response.status).toBe(404);
  });
});
