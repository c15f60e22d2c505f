import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import {
  expectNothingAppended,
  expectProblem,
  fieldsOf,
  given,
  givenRate,
  givenSignedProject,
  money,
  projectStream,
} from '../support/command-fixtures';

/** Corrections over HTTP: of monthly figures, of details before counting, of exchange rates. */
describe('corrections', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ now: '2014-12-31T04:00:00Z' });
    await givenRate(api, { rate: '6.1500', effectiveOn: '2014-01-02' });
  });
  afterAll(() => api.close());

  const report = (id: string, month: string, amount: string, correctionReason?: string) =>
    api.request('POST', `/api/v1/projects/${id}/progress-reports`, {
      body: { month, investmentCompletedToDate: money(amount), ...(correctionReason ? { correctionReason } : {}) },
    });

  describe('given March and April were reported', () => {
    let id: string;
    beforeEach(async () => {
      id = await givenSignedProject(api);
      await given(api, id, 'progress-reports', { month: '2014-03', investmentCompletedToDate: money('100000000.00') });
      await given(api, id, 'progress-reports', { month: '2014-04', investmentCompletedToDate: money('150000000.00') });
    });

    it('corrects March with a reason, recording the previous figure', async () => {
      const response = await report(id, '2014-03', '90000000.00', 'Double-counted equipment deposit');
      expect({ status: response.status, revision: response.body.revision }).toEqual({ status: 201, revision: 4 });
      const events = await projectStream(api, id);
      expect(events[4]).toMatchObject({
        type: 'ProjectMonthlyProgressCorrected',
        data: {
          month: '2014-03',
          investmentCompletedToDate: money('90000000.00'),
          previous: money('100000000.00'),
          reason: 'Double-counted equipment deposit',
        },
      });
    });

    it('takes the same figure again as nothing new: answered with the current revision, nothing appended', async () => {
      const response = await expectNothingAppended(api, () => report(id, '2014-04', '150000000'));
      expect({ status: response.status, revision: response.body.revision, etag: response.headers.etag }).toEqual({
        status: 201,
        revision: 3,
        etag: '"3"',
      });
    });

    it('refuses a correction that would break the cumulative series', async () => {
      const response = await expectNothingAppended(api, () => report(id, '2014-03', '160000000.00', 'Late invoices'));
      expectProblem(response, 422, 'rule-violation');
      expect(fieldsOf(response.body)).toEqual(['investmentCompletedToDate.amount']);
    });

    it('refuses a correction reason for a month never reported', async () => {
      const response = await expectNothingAppended(api, () => report(id, '2014-05', '160000000.00', 'Late invoices'));
      expect(fieldsOf(response.body)).toEqual(['correctionReason']);
    });
  });

  describe('given a registered project', () => {
    it('records only the fields an amendment changes, with their previous values', async () => {
      const id = await givenSignedProject(api);
      const response = await api.request('PATCH', `/api/v1/projects/${id}`, {
        body: {
          name: 'Hengyang Huayao City',
          industry: 'new_urbanisation',
          sourceRegions: ['asean', 'pearl_river_delta'],
          reason: 'Reclassified by the joint conference',
        },
      });
      expect(response.status).toBe(200);
      const [, , amended] = await projectStream(api, id);
      expect(amended.data).toEqual({
        projectId: id,
        changes: { industry: 'new_urbanisation', sourceRegions: ['pearl_river_delta', 'asean'] },
        previous: { industry: 'modern_services', sourceRegions: ['pearl_river_delta'] },
        reason: 'Reclassified by the joint conference',
      });
    });

    it('clears the park with null, and sets a promotion event with the channel', async () => {
      const park = await api.request('POST', '/api/v1/parks', {
        body: { name: 'Hengyang Songmu industrial park', city: '430400', level: 'provincial_park' },
      });
      const id = await givenSignedProject(api, { parkId: park.body.id });
      await api.request('PATCH', `/api/v1/projects/${id}`, {
        body: {
          parkId: null,
          leadChannel: 'promotion_event',
          promotionEvent: { id: 'shenzhen-2014-05' },
          reason: 'Park not yet chosen; lead came from the Shenzhen event',
        },
      });
      const [registered, , amended] = await projectStream(api, id);
      expect(registered.data.parkId).toBe(park.body.id);
      expect(amended.data).toMatchObject({
        changes: {
          parkId: null,
          leadChannel: 'promotion_event',
          promotionEvent: { id: 'shenzhen-2014-05', name: null },
        },
        previous: { parkId: park.body.id, leadChannel: 'representative_office', promotionEvent: null },
      });
    });
  });

  describe('given a project below the threshold whose investment is raised before registration', () => {
    it('counts on the amount in force at registration, and a later amendment does not undo it', async () => {
      const id = await givenSignedProject(api, { totalInvestment: money('150000000.00') });
      await api.request('PATCH', `/api/v1/projects/${id}`, {
        body: { totalInvestment: money('250000000.00'), reason: 'Phase II signed' },
      });
      await given(api, id, 'business-registration', { registeredOn: '2014-04-01' });
      const amendDown = await api.request('PATCH', `/api/v1/projects/${id}`, {
        body: { totalInvestment: money('180000000.00'), reason: 'Phase II cancelled' },
      });
      expect(amendDown.status).toBe(200);

      const events = await projectStream(api, id);
      expect(events.map((e) => e.type)).toEqual([
        'ProjectRegistered',
        'ProjectContractSigned',
        'ProjectDetailsAmended',
        'ProjectBusinessRegistered',
        'ProjectDetailsAmended',
      ]);
      expect(events[3].data).toMatchObject({ totalInvestment: money('250000000.00'), countsTowardTarget: true });
    });
  });

  describe('given a Hengyang project smaller than USD 50M', () => {
    it('joins a Xiangnan batch, recorded as not a major project', async () => {
      const id = await givenSignedProject(api, { totalInvestment: money('300000000.00') });
      await given(api, id, 'demonstration-zone-batch', { batch: 3, assignedOn: '2014-06-01' });
      const [, , assigned] = await projectStream(api, id);
      expect(assigned).toMatchObject({
        type: 'ProjectAssignedToXiangnanBatch',
        data: {
          batch: 3,
          qualifiesAsMajor: false,
          evaluation: { amountCompared: '300000000.00', thresholdCompared: '307500000', rate: { rate: '6.1500' } },
        },
      });
    });
  });

  describe('given a rate set for a date', () => {
    it('takes the same rate again as nothing new, refuses another rate without a reason, and records the one it supersedes', async () => {
      const before = (await api.store.readStream('exchange-rates')).length;
      const same = await expectNothingAppended(api, () =>
        api.request('POST', '/api/v1/exchange-rates', {
          key: KEYS.admin,
          body: { base: 'USD', quote: 'CNY', rate: '6.15', effectiveOn: '2014-01-02' },
        }),
      );
      expect(same.status).toBe(201);

      const noReason = await expectNothingAppended(api, () =>
        api.request('POST', '/api/v1/exchange-rates', {
          body: { base: 'USD', quote: 'CNY', rate: '6.1600', effectiveOn: '2014-01-02' },
        }),
      );
      expectProblem(noReason, 422, 'rule-violation');
      expect(fieldsOf(noReason.body)).toEqual(['reason']);

      const corrected = await api.request('POST', '/api/v1/exchange-rates', {
        body: {
          base: 'USD',
          quote: 'CNY',
          rate: '6.1600',
          effectiveOn: '2014-01-02',
          reason: 'Typo in the first entry',
        },
      });
      expect(corrected.status).toBe(201);
      const events = await api.store.readStream('exchange-rates');
      expect(events).toHaveLength(before + 1);
      expect(events.at(-1)!.data).toMatchObject({
        rate: '6.1600',
        supersedes: '6.1500',
        reason: 'Typo in the first entry',
      });
    });
  });
});
