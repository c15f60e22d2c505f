import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import {
  expectNothingAppended,
  expectProblem,
  fieldsOf,
  given,
  givenInvestor,
  givenProject,
  givenSignedProject,
  money,
  projectBody,
  projectStream,
} from '../support/command-fixtures';

/**
 * Every refusal of the command API is an RFC 9457 problem, and a refused command appends nothing:
 * each case compares the global log's head position before and after.
 */
const TODAY = '2014-06-30T04:00:00Z'; // 2014-06-30 noon in Shanghai

/**
 * Input the schema (and the validation pipe) refuses is a 400 invalid-input; input the schema takes that a
 * domain rule refuses (a date before the previous milestone, an id never registered, shares that do not sum
 * to 1) is a 422 rule-violation. Both name every field.
 */
const expectRefusal = (response: Parameters<typeof expectProblem>[0], status: 400 | 422) =>
  expectProblem(response, status, status === 400 ? 'invalid-input' : 'rule-violation');

/** The cases below that only a domain rule refuses (422); the others are refused by the schema (400). */
const NEW_PROJECT_RULES = new Set([
  'shares that sum to 0.9',
  'shares that sum to 1.0001',
  'one unit credited twice',
  'identifiedOn after today',
  'the promotion_event channel without its event',
  'an investor that was never registered',
  'a park that was never registered',
]);
const EXISTING_PROJECT_RULES = new Set([
  'a landing dated before the contract was signed',
  'a business registration dated before the signing',
  'a suspension dated after today',
  'a progress month before the signing',
  'a progress month after this month',
  'a progress figure in another currency than the investment',
  'a cumulative figure below the previous month',
  'a changed figure for a reported month without a correction reason',
]);

describe('a refused command', () => {
  let api: ApiHarness;
  let investorId: string;
  beforeAll(async () => {
    api = await startApi({ now: TODAY });
    investorId = await givenInvestor(api);
  });
  afterAll(() => api.close());
  afterEach(() => api.setNow(TODAY));

  const post = (url: string, body: unknown, headers: Record<string, string> = {}, key: string = KEYS.admin) =>
    expectNothingAppended(api, () => api.request('POST', `/api/v1${url}`, { key, body, headers }));
  const patch = (url: string, body: unknown) =>
    expectNothingAppended(api, () => api.request('PATCH', `/api/v1${url}`, { body }));

  describe('400 (the schema refuses it) or 422 (a domain rule refuses it) when a new project has invalid input', () => {
    const refusedFields = async (overrides: Record<string, unknown>, status: 400 | 422 = 400) => {
      const response = await post('/projects', projectBody(investorId, overrides));
      expectRefusal(response, status);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([{ field: expect.any(String), message: expect.any(String) }]),
      );
      return fieldsOf(response.body);
    };

    it.each<[string, Record<string, unknown>, string[]]>([
      ['an unknown top-level field (forbidNonWhitelisted)', { colour: 'red' }, ['colour']],
      [
        'an unknown field inside the money',
        { totalInvestment: { amount: '250000000.00', currency: 'CNY', rate: '6.1' } },
        ['totalInvestment.rate'],
      ],
      [
        'money as a JSON float',
        { totalInvestment: { amount: 250000000.5, currency: 'CNY' } },
        ['totalInvestment.amount'],
      ],
      ['money with 3 decimals', { totalInvestment: money('250000000.125') }, ['totalInvestment.amount']],
      ['negative money', { totalInvestment: money('-250000000.00') }, ['totalInvestment.amount']],
      ['zero money', { totalInvestment: money('0.00') }, ['totalInvestment.amount']],
      [
        'money in an unsupported currency',
        { totalInvestment: { amount: '250000000.00', currency: 'EUR' } },
        ['totalInvestment.currency'],
      ],
      ['a city outside Hunan', { city: '440300' }, ['city']],
      ['a city given by name', { city: 'Hengyang' }, ['city']],
      [
        'shares that sum to 0.9',
        {
          introducers: [
            { unit: 'hengyang-commerce-bureau', share: '0.5' },
            { unit: 'hengyang-office-shenzhen', share: '0.4' },
          ],
        },
        ['introducers'],
      ],
      [
        'shares that sum to 1.0001',
        {
          introducers: [
            { unit: 'hengyang-commerce-bureau', share: '0.5' },
            { unit: 'hengyang-office-shenzhen', share: '0.5001' },
          ],
        },
        ['introducers'],
      ],
      [
        'a share above 1',
        { introducers: [{ unit: 'hengyang-commerce-bureau', share: '1.5' }] },
        ['introducers[0].share'],
      ],
      [
        'a share that is not a decimal string',
        { introducers: [{ unit: 'hengyang-commerce-bureau', share: 1 }] },
        ['introducers[0].share'],
      ],
      [
        'a share with 7 decimal places',
        {
          introducers: [
            { unit: 'hengyang-commerce-bureau', share: '0.5000001' },
            { unit: 'hengyang-office-shenzhen', share: '0.4999999' },
          ],
        },
        ['introducers[0].share', 'introducers[1].share'],
      ],
      ['no introducer at all', { introducers: [] }, ['introducers']],
      [
        'one unit credited twice',
        {
          introducers: [
            { unit: 'hengyang-commerce-bureau', share: '0.5' },
            { unit: 'hengyang-commerce-bureau', share: '0.5' },
          ],
        },
        ['introducers'],
      ],
      ['identifiedOn after today', { identifiedOn: '2014-07-01' }, ['identifiedOn']],
      ['identifiedOn a day that does not exist', { identifiedOn: '2014-02-30' }, ['identifiedOn']],
      ['identifiedOn not a date', { identifiedOn: '10/02/2014' }, ['identifiedOn']],
      ['a stage a lead cannot be registered at', { stage: 'landed' }, ['stage']],
      ['an unknown source region', { sourceRegions: ['atlantis'] }, ['sourceRegions']],
      ['the promotion_event channel without its event', { leadChannel: 'promotion_event' }, ['promotionEvent']],
      ['an investor that was never registered', { investorId: 'inv-unknown' }, ['investorId']],
      ['a park that was never registered', { parkId: 'park-unknown' }, ['parkId']],
    ])('refuses %s, naming the field', async (name, overrides, fields) => {
      expect(await refusedFields(overrides, NEW_PROJECT_RULES.has(name) ? 422 : 400)).toEqual(fields);
    });

    it('names every bad field in one answer', async () => {
      const fields = await refusedFields({
        city: '999999',
        totalInvestment: { amount: 1.5, currency: 'EUR' },
        stage: 'operating',
        identifiedOn: 'yesterday',
        colour: 'red',
      });
      expect(fields).toEqual([
        'city',
        'colour',
        'identifiedOn',
        'stage',
        'totalInvestment.amount',
        'totalInvestment.currency',
      ]);
    });

    it('accepts shares with 6 decimal places that sum to exactly 1, as the domain allows', async () => {
      const introducers = [
        { unit: 'hengyang-commerce-bureau', share: '0.333334' },
        { unit: 'hengyang-office-shenzhen', share: '0.333333' },
        { unit: 'hengyang-chamber-of-commerce', share: '0.333333' },
      ];
      const response = await api.request('POST', '/api/v1/projects', {
        body: projectBody(investorId, { introducers }),
      });
      expect(response.status).toBe(201);
      const [registered] = await projectStream(api, response.body.id);
      expect(registered.data.introducers).toEqual(introducers);
    });

    it('refuses a park in another city than the project', async () => {
      const park = await api.request('POST', '/api/v1/parks', {
        body: { name: 'Wangcheng ETDZ', city: '430100', level: 'national_etdz' },
      });
      expect(await refusedFields({ parkId: park.body.id }, 422)).toEqual(['parkId']);
    });

    it('counts "today" in Shanghai (UTC+8): a date is in the future until midnight there', async () => {
      api.setNow('2014-06-30T15:59:00Z'); // 23:59 in Shanghai
      expect(await refusedFields({ identifiedOn: '2014-07-01' }, 422)).toEqual(['identifiedOn']);
      api.setNow('2014-06-30T16:01:00Z'); // 00:01 on 1 July in Shanghai
      const accepted = await api.request('POST', '/api/v1/projects', {
        body: projectBody(investorId, { identifiedOn: '2014-07-01' }),
      });
      expect(accepted.status).toBe(201);
    });
  });

  describe('400 (the schema refuses it) or 422 (a domain rule refuses it) when a command on an existing project has invalid input', () => {
    let signedId: string;
    beforeAll(async () => {
      signedId = await givenSignedProject(api, { investorId });
      await given(api, signedId, 'progress-reports', {
        month: '2014-04',
        investmentCompletedToDate: money('50000000.00'),
      });
    });

    it.each<[string, string, Record<string, unknown>, string[]]>([
      ['a landing dated before the contract was signed', 'landing', { reachedOn: '2014-03-01' }, ['reachedOn']],
      [
        'a business registration dated before the signing',
        'business-registration',
        { registeredOn: '2014-03-04' },
        ['registeredOn'],
      ],
      ['a suspension dated after today', 'suspension', { reason: 'Flood', suspendedOn: '2014-07-01' }, ['suspendedOn']],
      ['a suspension without a reason', 'suspension', { suspendedOn: '2014-06-01' }, ['reason']],
      ['a body with an unknown field', 'landing', { reachedOn: '2014-06-01', by: 'someone' }, ['by']],
      ['an empty body', 'landing', {}, ['reachedOn']],
      [
        'a progress month before the signing',
        'progress-reports',
        { month: '2014-02', investmentCompletedToDate: money('1.00') },
        ['month'],
      ],
      [
        'a progress month after this month',
        'progress-reports',
        { month: '2014-07', investmentCompletedToDate: money('60000000.00') },
        ['month'],
      ],
      [
        'a progress figure in another currency than the investment',
        'progress-reports',
        { month: '2014-05', investmentCompletedToDate: money('60000000.00', 'USD') },
        ['investmentCompletedToDate.currency'],
      ],
      [
        'a cumulative figure below the previous month',
        'progress-reports',
        { month: '2014-05', investmentCompletedToDate: money('40000000.00') },
        ['investmentCompletedToDate.amount'],
      ],
      [
        'a changed figure for a reported month without a correction reason',
        'progress-reports',
        { month: '2014-04', investmentCompletedToDate: money('55000000.00') },
        ['correctionReason'],
      ],
      ['batch 0', 'demonstration-zone-batch', { batch: 0, assignedOn: '2014-06-01' }, ['batch']],
    ])('refuses %s', async (name, path, body, fields) => {
      const response = await post(`/projects/${signedId}/${path}`, body);
      expectRefusal(response, EXISTING_PROJECT_RULES.has(name) ? 422 : 400);
      expect(fieldsOf(response.body)).toEqual(fields);
    });

    it('refuses a contract signed before the lead was identified', async () => {
      const id = await givenProject(api, { investorId });
      const response = await post(`/projects/${id}/contract`, { signedOn: '2014-02-09' });
      expectRefusal(response, 422);
      expect(fieldsOf(response.body)).toEqual(['signedOn']);
    });

    it('refuses an amendment without a reason, and one that changes nothing', async () => {
      const noReason = await patch(`/projects/${signedId}`, { name: 'Renamed' });
      expectRefusal(noReason, 400);
      expect(fieldsOf(noReason.body)).toEqual(['reason']);
      const noChange = await patch(`/projects/${signedId}`, { city: '430400', reason: 'confirming the city' });
      expectRefusal(noChange, 422);
      expect(fieldsOf(noChange.body)).toEqual(['changes']);
    });

    it('names the fields of an amendment as the PATCH body has them, whichever layer refuses it', async () => {
      const zero = await patch(`/projects/${signedId}`, { totalInvestment: money('0.00'), reason: 'budget cut' });
      expectRefusal(zero, 400);
      expect(fieldsOf(zero.body)).toEqual(['totalInvestment.amount']);
      const unknownInvestor = await patch(`/projects/${signedId}`, {
        investorId: 'inv-unknown',
        reason: 'new investor',
      });
      expectRefusal(unknownInvestor, 422);
      expect(fieldsOf(unknownInvestor.body)).toEqual(['investorId']);
      const badShares = await patch(`/projects/${signedId}`, {
        introducers: [{ unit: 'hengyang-commerce-bureau', share: '0.9' }],
        reason: 'credit',
      });
      expectRefusal(badShares, 422);
      expect(fieldsOf(badShares.body)).toEqual(['introducers']);
    });

    it('names the field when a Xiangnan batch project is moved out of the zone', async () => {
      const id = await givenProject(api, { investorId, totalInvestment: money('400000000.00', 'USD') });
      await given(api, id, 'demonstration-zone-batch', { batch: 3, assignedOn: '2014-06-01' });
      const response = await patch(`/projects/${id}`, { city: '430100', reason: 'Relocated to Changsha' });
      expectRefusal(response, 422);
      expect(fieldsOf(response.body)).toEqual(['city']);
    });

    it('names the field of an investor amendment that breaks the country rule', async () => {
      const response = await patch(`/investors/${investorId}`, { country: 'US', reason: 'Moved its seat' });
      expectRefusal(response, 422);
      expect(fieldsOf(response.body)).toEqual(['unifiedSocialCreditCode']);
    });

    it('refuses malformed If-Match, Idempotency-Key and X-Correlation-Id headers, naming them', async () => {
      const response = await post(
        `/projects/${signedId}/landing`,
        { reachedOn: '2014-06-01' },
        { 'If-Match': 'revision three', 'Idempotency-Key': 'k'.repeat(201), 'X-Correlation-Id': '' },
      );
      expectProblem(response, 400, 'invalid-input');
      expect(fieldsOf(response.body)).toEqual(['Idempotency-Key', 'If-Match', 'X-Correlation-Id']);
    });
  });

  describe('401 and 403', () => {
    it('answers 401 without a key', async () => {
      const response = await post('/projects', projectBody(investorId), {}, '');
      expectProblem(response, 401, 'unauthenticated');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="itp"');
    });

    it('answers 403 to a reporter, and to an integration key outside its city', async () => {
      expectProblem(await post('/projects', projectBody(investorId), {}, KEYS.reporter), 403, 'forbidden-role');
      expectProblem(
        await post('/projects', projectBody(investorId), {}, KEYS.integrationChangsha),
        403,
        'forbidden-city',
      );
    });
  });

  describe('404 when the addressed aggregate does not exist', () => {
    it.each<[string, 'POST' | 'PATCH', string, Record<string, unknown>, string]>([
      [
        'a contract for an unknown project',
        'POST',
        '/projects/no-such-project/contract',
        { signedOn: '2014-03-01' },
        'project',
      ],
      [
        'a landing for an unknown project',
        'POST',
        '/projects/no-such-project/landing',
        { reachedOn: '2014-03-01' },
        'project',
      ],
      [
        'an amendment of an unknown project',
        'PATCH',
        '/projects/no-such-project',
        { name: 'x', reason: 'y' },
        'project',
      ],
      [
        'an amendment of an unknown investor',
        'PATCH',
        '/investors/no-such-investor',
        { name: 'x', reason: 'y' },
        'investor',
      ],
      [
        'an upgrade of an unknown park',
        'POST',
        '/parks/no-such-park/upgrades',
        { level: 'national_etdz', approvedOn: '2014-03-01' },
        'park',
      ],
    ])('answers 404 to %s', async (_case, method, url, body, kind) => {
      const response = await expectNothingAppended(api, () => api.request(method, `/api/v1${url}`, { body }));
      expectProblem(response, 404, 'not-found');
      expect(response.body).toMatchObject({ kind, id: url.split('/')[2] });
    });

    it('answers 404 to the resolution of a problem the project never had', async () => {
      const id = await givenProject(api, { investorId });
      const response = await post(`/projects/${id}/problems/no-such-problem/resolution`, {
        resolution: 'done',
        resolvedOn: '2014-06-01',
      });
      expectProblem(response, 404, 'not-found');
      expect(response.body).toMatchObject({ kind: 'problem', id: 'no-such-problem' });
    });
  });

  describe('409 when the transition is illegal in the current stage', () => {
    const expectIllegal = (response: Awaited<ReturnType<typeof post>>, currentStage: string, rule: RegExp) => {
      expectProblem(response, 409, 'illegal-transition');
      expect(response.body).toMatchObject({ currentStage, rule: expect.stringMatching(rule) });
    };

    it('refuses a landing before the contract (still negotiating)', async () => {
      const id = await givenProject(api, { investorId, stage: 'negotiating' });
      expectIllegal(
        await post(`/projects/${id}/landing`, { reachedOn: '2014-06-01' }),
        'negotiating',
        /only after signing/,
      );
    });

    it('refuses operation straight after the contract', async () => {
      const id = await givenSignedProject(api, { investorId });
      expectIllegal(
        await post(`/projects/${id}/operation`, { reachedOn: '2014-06-01' }),
        'signed',
        /each stage is reached in turn/,
      );
    });

    it('refuses a business registration before the contract, and a second one after it', async () => {
      const id = await givenProject(api, { investorId });
      expectIllegal(
        await post(`/projects/${id}/business-registration`, { registeredOn: '2014-06-01' }),
        'intention',
        /needs a signed contract/,
      );
      await given(api, id, 'contract', { signedOn: '2014-03-05' });
      await given(api, id, 'business-registration', { registeredOn: '2014-03-20' });
      expectIllegal(
        await post(`/projects/${id}/business-registration`, { registeredOn: '2014-03-21' }),
        'signed',
        /already recorded on 2014-03-20/,
      );
    });

    it('refuses stage moves while suspended, and resuming a project that is not suspended', async () => {
      const id = await givenSignedProject(api, { investorId });
      expectIllegal(
        await post(`/projects/${id}/resumption`, { resumedOn: '2014-06-01' }),
        'active',
        /only a suspended project/,
      );
      await given(api, id, 'suspension', { reason: 'Land dispute', suspendedOn: '2014-04-01' });
      expectIllegal(
        await post(`/projects/${id}/landing`, { reachedOn: '2014-06-01' }),
        'suspended',
        /resume the project first/,
      );
    });

    it('refuses resolving a problem twice', async () => {
      const id = await givenProject(api, { investorId });
      const { problemId } = await given(api, id, 'problems', {
        title: 'Road',
        description: 'No road.',
        assignedUnit: 'transport-department',
        raisedOn: '2014-03-01',
      });
      await given(api, id, `problems/${problemId}/resolution`, { resolution: 'Built', resolvedOn: '2014-04-01' });
      const again = await post(`/projects/${id}/problems/${problemId}/resolution`, {
        resolution: 'Built again',
        resolvedOn: '2014-05-01',
      });
      expectIllegal(again, 'resolved', /already resolved on 2014-04-01/);
    });

    it('refuses a park upgrade across ladders', async () => {
      const park = await api.request('POST', '/api/v1/parks', {
        body: { name: 'Hengyang comprehensive bonded zone', city: '430400', level: 'provincial_park' },
      });
      expectIllegal(
        await post(`/parks/${park.body.id}/upgrades`, { level: 'comprehensive_bonded_zone', approvedOn: '2014-06-01' }),
        'provincial_park',
        /only up its own ladder/,
      );
    });

    it('refuses a Xiangnan batch for a project in Changsha', async () => {
      const id = await givenProject(api, { investorId, city: '430100' });
      expectIllegal(
        await post(`/projects/${id}/demonstration-zone-batch`, { batch: 3, assignedOn: '2014-06-01' }),
        'in Changsha (430100)',
        /Xiangnan batch/,
      );
    });
  });

  describe('412 when If-Match is stale', () => {
    it('names the revision expected and the current one', async () => {
      const id = await givenSignedProject(api, { investorId });
      const response = await post(`/projects/${id}/landing`, { reachedOn: '2014-06-01' }, { 'If-Match': '"0"' });
      expectProblem(response, 412, 'stale-revision');
      expect(response.body).toMatchObject({ expectedRevision: 0, currentRevision: 1 });
      expect(await projectStream(api, id)).toHaveLength(2);
    });
  });

  describe('422 when the Idempotency-Key was used for another body', () => {
    it('refuses the second body', async () => {
      const id = await givenSignedProject(api, { investorId });
      expect(
        (
          await api.request('POST', `/api/v1/projects/${id}/landing`, {
            body: { reachedOn: '2014-05-01' },
            headers: { 'Idempotency-Key': 'land-1' },
          })
        ).status,
      ).toBe(200);
      const response = await post(
        `/projects/${id}/landing`,
        { reachedOn: '2014-05-02' },
        { 'Idempotency-Key': 'land-1' },
      );
      expectProblem(response, 422, 'idempotency-key-reused');
    });
  });
});

describe('a command that needs a USD/CNY rate when none is set', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ now: TODAY });
  });
  afterAll(() => api.close());

  it.each<[string, Record<string, unknown>, string, Record<string, unknown>]>([
    [
      'the business registration of a domestic project invested in USD',
      { totalInvestment: money('40000000.00', 'USD') },
      'business-registration',
      { registeredOn: '2014-03-20' },
    ],
    [
      'the business registration of a foreign project invested in CNY',
      { capitalType: 'foreign', totalInvestment: money('300000000.00') },
      'business-registration',
      { registeredOn: '2014-03-20' },
    ],
    [
      'the Xiangnan batch of a project invested in CNY',
      {},
      'demonstration-zone-batch',
      { batch: 3, assignedOn: '2014-03-20' },
    ],
  ])('answers 422 to %s, naming the pair and the date, and appends nothing', async (_case, details, path, body) => {
    const id = await givenSignedProject(api, details);
    const response = await expectNothingAppended(api, () =>
      api.request('POST', `/api/v1/projects/${id}/${path}`, { body }),
    );
    expectProblem(response, 422, 'missing-exchange-rate');
    expect(response.body).toMatchObject({
      base: 'USD',
      quote: 'CNY',
      onDate: '2014-03-20',
      detail: expect.stringContaining('POST /api/v1/exchange-rates'),
    });
  });

  it('needs no rate when the investment is in the currency of the threshold', async () => {
    const id = await givenSignedProject(api, { capitalType: 'foreign', totalInvestment: money('30000000.00', 'USD') });
    const response = await api.request('POST', `/api/v1/projects/${id}/business-registration`, {
      body: { registeredOn: '2014-03-20' },
    });
    expect(response.status).toBe(200);
  });
});

describe('the business registration, evaluated at the thresholds (inclusive)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ now: TODAY });
    await api.request('POST', '/api/v1/exchange-rates', {
      body: { base: 'USD', quote: 'CNY', rate: '6.1000', effectiveOn: '2014-01-02' },
    });
  });
  afterAll(() => api.close());

  const registeredEvent = async (details: Record<string, unknown>) => {
    const id = await givenSignedProject(api, details);
    const response = await api.request('POST', `/api/v1/projects/${id}/business-registration`, {
      body: { registeredOn: '2014-03-20' },
    });
    expect(response.status).toBe(200);
    const events = await projectStream(api, id);
    expect(events.at(-1)!.type).toBe('ProjectBusinessRegistered');
    return events.at(-1)!.data as any;
  };

  it.each<[string, string, 'CNY' | 'USD', boolean]>([
    ['domestic', '200000000.00', 'CNY', true],
    ['domestic', '199999999.99', 'CNY', false],
    ['foreign', '30000000.00', 'USD', true],
    ['foreign', '29999999.99', 'USD', false],
    ['foreign', '183000000.00', 'CNY', true],
    ['foreign', '182999999.99', 'CNY', false],
  ])('%s capital of %s %s: countsTowardTarget %s', async (capitalType, amount, currency, counts) => {
    const data = await registeredEvent({ capitalType, totalInvestment: money(amount, currency) });
    expect(data).toMatchObject({
      countsTowardTarget: counts,
      evaluation: { qualifies: counts, rule: `transfer_target_${capitalType}`, amount: { amount, currency } },
    });
  });

  it('records the rate it used when the currencies differ (USD 30M × 6.1000 = CNY 183M)', async () => {
    const data = await registeredEvent({ capitalType: 'foreign', totalInvestment: money('183000000.00') });
    expect(data.evaluation).toMatchObject({
      comparedIn: 'CNY',
      thresholdCompared: '183000000',
      rate: { rate: '6.1000', effectiveOn: '2014-01-02' },
    });
  });
});
