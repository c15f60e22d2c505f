import { KEYS, startApi, type ApiHarness } from './support/api-harness';

describe('the api on the embedded default', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers health without a key (status and lags), and names its backends to an auditor', async () => {
    const response = await api.request('GET', '/health', { key: null });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok' });
    expect(response.body.backends).toBeUndefined();
    const detailed = await api.request('GET', '/health', { key: KEYS.auditor });
    expect(detailed.body).toMatchObject({
      status: 'ok',
      backends: { eventStore: { backend: 'sqlite', reachable: true } },
    });
  });

  it('registers an investor and a project through the command API', async () => {
    const investor = await api.request('POST', '/api/v1/investors', {
      body: {
        name: 'Gree Electric',
        country: 'CN',
        unifiedSocialCreditCode: '91440400192548256N',
        rankings: ['china_top_100', 'listed'],
      },
    });
    expect(investor.status).toBe(201);
    const project = await api.request('POST', '/api/v1/projects', {
      body: {
        name: 'Gree Ningxiang base',
        investorId: investor.body.id,
        city: '430100',
        industry: 'advanced_equipment_manufacturing',
        capitalType: 'domestic',
        totalInvestment: { amount: '3000000000.00', currency: 'CNY' },
        sourceRegions: ['pearl_river_delta'],
        leadChannel: 'representative_office',
        introducers: [{ unit: 'changsha-commerce-bureau', share: '1' }],
        stage: 'intention',
        identifiedOn: '2014-02-10',
      },
    });
    expect(project.body).toMatchObject({ revision: 0 });
    expect(project.status).toBe(201);
    expect(project.headers.etag).toBe('"0"');
  });
});
