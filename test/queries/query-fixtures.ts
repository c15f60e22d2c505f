import { KEYS, type ApiHarness } from '../support/api-harness';

/** Small drivers for the query e2e suites: each command must succeed, and the last position is remembered. */

type Body = Record<string, unknown>;

export const money = (amount: string, currency: 'CNY' | 'USD' = 'CNY') => ({ amount, currency });

export class Commands {
  /** The position the last command answered: pass it as minPosition to read what it wrote. */
  position = 0;

  constructor(
    private readonly api: ApiHarness,
    private readonly key: string = KEYS.admin,
  ) {}

  async post(url: string, body: Body, method: 'POST' | 'PATCH' = 'POST'): Promise<any> {
    const response = await this.api.request(method, `/api/v1/${url}`, { key: this.key, body });
    if (response.status !== 200 && response.status !== 201)
      throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    this.position = Math.max(this.position, response.body.position);
    return response.body;
  }

  async investor(name: string, rankings: string[] = [], overrides: Body = {}): Promise<string> {
    return (await this.post('investors', { name, country: 'HK', rankings, ...overrides })).id;
  }

  async rate(rate: string, effectiveOn: string): Promise<void> {
    await this.post('exchange-rates', { base: 'USD', quote: 'CNY', rate, effectiveOn, source: 'PBOC central parity' });
  }

  /** Registers a lead (intention, identified 2014-01-06) and signs its contract on `signedOn`. */
  async signedProject(name: string, details: Body, signedOn = '2014-01-20'): Promise<string> {
    const { id } = await this.post('projects', {
      name,
      city: '430100',
      industry: 'electronic_information',
      capitalType: 'domestic',
      sourceRegions: ['pearl_river_delta'],
      leadChannel: 'representative_office',
      introducers: [{ unit: 'changsha-commerce-bureau', share: '1' }],
      stage: 'intention',
      identifiedOn: '2014-01-06',
      ...details,
    });
    await this.post(`projects/${id}/contract`, { signedOn });
    return id;
  }

  register(id: string, registeredOn: string) {
    return this.post(`projects/${id}/business-registration`, { registeredOn });
  }
}

/** GET as a reporter, waiting for the read models to reach the last command. */
export const read = async (api: ApiHarness, commands: Commands, url: string, key: string = KEYS.reporter) => {
  const separator = url.includes('?') ? '&' : '?';
  return api.request('GET', `/api/v1/${url}${separator}minPosition=${commands.position}`, { key });
};
