import { GENESIS_HASH, verifyChain, type RecordedEvent } from '@itp/event-store';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';
import {
  followStory,
  givenInvestor,
  givenProject,
  money,
  projectBody,
  projectStream,
  type StoryStep,
} from '../support/command-fixtures';

/**
 * One Hengyang project followed over HTTP through every lifecycle command, in order. Each step checks the
 * answer (status, revision, ETag, position) and the one event it appended (type, data, audit metadata).
 * Every test starts its own api and brings a fresh project through the steps before the one it checks,
 * so any test runs alone.
 */
describe('a Hengyang lead followed over HTTP from first contact to operation', () => {
  let api: ApiHarness;
  let investorId: string;
  let projectId: string;
  let problemId: string;
  let story: ReturnType<typeof followStory>;
  const correlation = (step: string) => `hengyang-dispatch-${step}`;

  beforeEach(async () => {
    api = await startApi({ now: '2014-02-10T02:00:00Z' });
    investorId = await givenInvestor(api, KEYS.integrationHengyang);
    story = followStory(api, LIFECYCLE);
  });
  afterEach(() => api.close());

  /** Sends a command as the Hengyang client, with an Idempotency-Key and an X-Correlation-Id named after the step. */
  const send = (
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    step: string,
    key: string = KEYS.integrationHengyang,
  ) =>
    api.request(method, `/api/v1/projects${path}`, {
      key,
      body,
      headers: { 'Idempotency-Key': `lifecycle-${step}`, 'X-Correlation-Id': correlation(step) },
    });

  /** The lead's history: on which day each step is sent, and what it sends. */
  const LIFECYCLE: StoryStep[] = [
    {
      step: 'register',
      now: '2014-02-10T02:00:00Z',
      send: async () => {
        const response = await send(
          'POST',
          '',
          projectBody(investorId, { totalInvestment: money('3000000000') }),
          'register',
        );
        projectId = response.body.id;
        return response;
      },
    },
    {
      step: 'negotiate',
      now: '2014-02-20T02:00:00Z',
      send: () => send('POST', `/${projectId}/negotiation`, { reachedOn: '2014-02-20' }, 'negotiate'),
    },
    {
      step: 'sign',
      now: '2014-03-05T02:00:00Z',
      send: () => send('POST', `/${projectId}/contract`, { signedOn: '2014-03-05' }, 'sign'),
    },
    {
      step: 'register-business',
      now: '2014-03-20T02:00:00Z',
      send: () =>
        send('POST', `/${projectId}/business-registration`, { registeredOn: '2014-03-20' }, 'register-business'),
    },
    {
      step: 'land',
      now: '2014-04-01T02:00:00Z',
      send: () => send('POST', `/${projectId}/landing`, { reachedOn: '2014-04-01' }, 'land'),
    },
    {
      step: 'progress-03',
      now: '2014-04-30T02:00:00Z',
      send: () =>
        send(
          'POST',
          `/${projectId}/progress-reports`,
          { month: '2014-03', investmentCompletedToDate: money('120000000') },
          'progress-03',
        ),
    },
    {
      step: 'progress-04',
      now: '2014-04-30T02:00:00Z',
      send: () =>
        send(
          'POST',
          `/${projectId}/progress-reports`,
          { month: '2014-04', investmentCompletedToDate: money('350000000.50') },
          'progress-04',
        ),
    },
    {
      step: 'raise',
      now: '2014-04-30T02:00:00Z',
      send: async () => {
        const response = await send(
          'POST',
          `/${projectId}/problems`,
          {
            title: 'Power connection delayed',
            description: 'The 110 kV line is not approved.',
            assignedUnit: 'provincial-power-company',
            raisedOn: '2014-04-28',
          },
          'raise',
        );
        problemId = response.body.problemId;
        return response;
      },
    },
    {
      step: 'resolve',
      now: '2014-05-08T02:00:00Z',
      send: () =>
        send(
          'POST',
          `/${projectId}/problems/${problemId}/resolution`,
          { resolution: 'Line approved at the May joint conference.', resolvedOn: '2014-05-08' },
          'resolve',
        ),
    },
    {
      step: 'construct',
      now: '2014-05-10T02:00:00Z',
      send: () => send('POST', `/${projectId}/construction`, { reachedOn: '2014-05-10' }, 'construct'),
    },
    {
      step: 'suspend',
      now: '2014-06-01T02:00:00Z',
      send: () =>
        send(
          'POST',
          `/${projectId}/suspension`,
          { reason: 'Land acquisition dispute', suspendedOn: '2014-06-01' },
          'suspend',
        ),
    },
    {
      step: 'progress-06',
      now: '2014-06-30T02:00:00Z',
      send: () =>
        send(
          'POST',
          `/${projectId}/progress-reports`,
          { month: '2014-06', investmentCompletedToDate: money('350000000.50') },
          'progress-06',
        ),
    },
    {
      step: 'resume',
      now: '2014-07-01T02:00:00Z',
      send: () =>
        send('POST', `/${projectId}/resumption`, { resumedOn: '2014-07-01', note: 'Dispute settled' }, 'resume'),
    },
    {
      step: 'produce',
      now: '2014-10-01T02:00:00Z',
      send: () => send('POST', `/${projectId}/production`, { reachedOn: '2014-08-01' }, 'produce'),
    },
    {
      step: 'operate',
      now: '2014-10-01T02:00:00Z',
      send: () => send('POST', `/${projectId}/operation`, { reachedOn: '2014-10-01' }, 'operate'),
    },
    {
      step: 'set-rate',
      now: '2014-10-15T02:00:00Z',
      send: () =>
        api.request('POST', '/api/v1/exchange-rates', {
          key: KEYS.admin,
          body: { base: 'USD', quote: 'CNY', rate: '6.1525', effectiveOn: '2014-10-08', source: 'PBOC central parity' },
        }),
    },
    {
      step: 'batch',
      now: '2014-10-15T02:00:00Z',
      send: () =>
        send('POST', `/${projectId}/demonstration-zone-batch`, { batch: 3, assignedOn: '2014-10-15' }, 'batch'),
    },
    {
      step: 'amend',
      now: '2014-10-15T02:00:00Z',
      send: () =>
        send(
          'PATCH',
          `/${projectId}`,
          { totalInvestment: money('3200000000.00'), reason: 'Phase II added to the contract' },
          'amend',
          KEYS.admin,
        ),
    },
  ];

  const HENGYANG_CLIENT = { actor: 'hengyang-client', role: 'integration', unit: 'hengyang-commerce-bureau' };
  const ADMIN = { actor: 'admin-user', role: 'admin', unit: 'provincial-commerce-department' };

  /** Checks the answer and returns the single event it appended, at the expected revision, with its audit metadata. */
  async function expectAppended(
    response: Awaited<ReturnType<typeof send>>,
    status: 200 | 201,
    revision: number,
    type: string,
    step: string,
    principal: typeof HENGYANG_CLIENT = HENGYANG_CLIENT,
  ): Promise<RecordedEvent> {
    expect({ status: response.status, body: response.body }).toMatchObject({
      status,
      body: { id: projectId, revision },
    });
    expect(response.headers.etag).toBe(`"${revision}"`);
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    const events = await projectStream(api, projectId);
    expect(events).toHaveLength(revision + 1);
    const event = events[revision];
    expect(event).toMatchObject({ type, revision, streamId: `project-${projectId}`, position: response.body.position });
    expect(event.metadata).toMatchObject({
      ...principal,
      correlationId: correlation(step),
      causationId: event.metadata.commandId,
    });
    expect(event.metadata.commandId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.metadata.previousHash).toBe(revision === 0 ? GENESIS_HASH : events[revision - 1].metadata.hash);
    expect(event.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    return event;
  }

  it('registers the lead at the intention stage (201, revision 0), recording who sent it', async () => {
    const event = await expectAppended(await story.stepTo('register'), 201, 0, 'ProjectRegistered', 'register');
    expect(event.data).toEqual({
      projectId,
      name: 'Hengyang Huayao City',
      investorId,
      city: '430400',
      parkId: null,
      industry: 'modern_services',
      capitalType: 'domestic',
      totalInvestment: { amount: '3000000000.00', currency: 'CNY' },
      sourceRegions: ['pearl_river_delta'],
      leadChannel: 'representative_office',
      promotionEvent: null,
      introducers: [{ unit: 'hengyang-commerce-bureau', share: '1' }],
      stage: 'intention',
      identifiedOn: '2014-02-10',
    });
  });

  it('starts negotiating', async () => {
    const event = await expectAppended(await story.stepTo('negotiate'), 200, 1, 'ProjectStageAdvanced', 'negotiate');
    expect(event.data).toEqual({ projectId, from: 'intention', to: 'negotiating', reachedOn: '2014-02-20' });
  });

  it('signs the contract', async () => {
    const event = await expectAppended(await story.stepTo('sign'), 200, 2, 'ProjectContractSigned', 'sign');
    expect(event.data).toEqual({ projectId, from: 'negotiating', signedOn: '2014-03-05' });
  });

  it('records the business registration, counting toward the 2014 target with the evaluation that decided it', async () => {
    const event = await expectAppended(
      await story.stepTo('register-business'),
      200,
      3,
      'ProjectBusinessRegistered',
      'register-business',
    );
    expect(event.data).toMatchObject({
      projectId,
      registeredOn: '2014-03-20',
      targetYear: 2014,
      investorId,
      city: '430400',
      capitalType: 'domestic',
      totalInvestment: { amount: '3000000000.00', currency: 'CNY' },
      introducers: [{ unit: 'hengyang-commerce-bureau', share: '1' }],
      countsTowardTarget: true,
      evaluation: {
        rule: 'transfer_target_domestic',
        rulesVersion: '2014-01',
        threshold: { amount: '200000000.00', currency: 'CNY' },
        rate: null,
        qualifies: true,
      },
    });
  });

  it('lands', async () => {
    const event = await expectAppended(await story.stepTo('land'), 200, 4, 'ProjectStageAdvanced', 'land');
    expect(event.data).toEqual({ projectId, from: 'signed', to: 'landed', reachedOn: '2014-04-01' });
  });

  it('takes the monthly dispatch figures of March and April (201 each), normalised to 2 decimals', async () => {
    const march = await expectAppended(
      await story.stepTo('progress-03'),
      201,
      5,
      'ProjectMonthlyProgressReported',
      'progress-03',
    );
    expect(march.data).toEqual({
      projectId,
      month: '2014-03',
      investmentCompletedToDate: { amount: '120000000.00', currency: 'CNY' },
    });
    const april = await expectAppended(
      await story.stepTo('progress-04'),
      201,
      6,
      'ProjectMonthlyProgressReported',
      'progress-04',
    );
    expect(april.data).toEqual({
      projectId,
      month: '2014-04',
      investmentCompletedToDate: { amount: '350000000.50', currency: 'CNY' },
    });
  });

  it('raises a problem to the joint conference (201) and answers its new problemId', async () => {
    const response = await story.stepTo('raise');
    expect(problemId).toEqual(expect.any(String));
    const event = await expectAppended(response, 201, 7, 'ProjectProblemRaised', 'raise');
    expect(event.data).toEqual({
      projectId,
      problemId,
      title: 'Power connection delayed',
      description: 'The 110 kV line is not approved.',
      assignedUnit: 'provincial-power-company',
      raisedOn: '2014-04-28',
    });
  });

  it('resolves the problem', async () => {
    const event = await expectAppended(await story.stepTo('resolve'), 200, 8, 'ProjectProblemResolved', 'resolve');
    expect(event.data).toEqual({
      projectId,
      problemId,
      resolution: 'Line approved at the May joint conference.',
      resolvedOn: '2014-05-08',
    });
  });

  it('starts construction', async () => {
    const event = await expectAppended(await story.stepTo('construct'), 200, 9, 'ProjectStageAdvanced', 'construct');
    expect(event.data).toEqual({ projectId, from: 'landed', to: 'under_construction', reachedOn: '2014-05-10' });
  });

  it('is suspended with a reason, keeping its stage', async () => {
    const event = await expectAppended(await story.stepTo('suspend'), 200, 10, 'ProjectSuspended', 'suspend');
    expect(event.data).toEqual({
      projectId,
      stage: 'under_construction',
      reason: 'Land acquisition dispute',
      suspendedOn: '2014-06-01',
    });
  });

  it('still reports monthly progress while suspended', async () => {
    const event = await expectAppended(
      await story.stepTo('progress-06'),
      201,
      11,
      'ProjectMonthlyProgressReported',
      'progress-06',
    );
    expect(event.data).toMatchObject({ month: '2014-06' });
  });

  it('is resumed, with a note', async () => {
    const event = await expectAppended(await story.stepTo('resume'), 200, 12, 'ProjectResumed', 'resume');
    expect(event.data).toEqual({
      projectId,
      stage: 'under_construction',
      resumedOn: '2014-07-01',
      note: 'Dispute settled',
    });
  });

  it('starts production, then operation', async () => {
    const production = await expectAppended(await story.stepTo('produce'), 200, 13, 'ProjectStageAdvanced', 'produce');
    expect(production.data).toEqual({
      projectId,
      from: 'under_construction',
      to: 'in_production',
      reachedOn: '2014-08-01',
    });
    const operation = await expectAppended(await story.stepTo('operate'), 200, 14, 'ProjectStageAdvanced', 'operate');
    expect(operation.data).toEqual({ projectId, from: 'in_production', to: 'operating', reachedOn: '2014-10-01' });
  });

  it('joins Xiangnan batch 3 as a major project, compared in CNY at the rate an admin set', async () => {
    const rate = await story.stepTo('set-rate');
    expect({ status: rate.status, id: rate.body.id, revision: rate.body.revision }).toEqual({
      status: 201,
      id: 'exchange-rates',
      revision: 0,
    });
    const [rateEvent] = await api.store.readStream('exchange-rates');
    expect(rateEvent).toMatchObject({
      type: 'ExchangeRateSet',
      data: { rate: '6.1525', effectiveOn: '2014-10-08', supersedes: null },
      metadata: { actor: 'admin-user', role: 'admin' },
    });

    const event = await expectAppended(await story.stepTo('batch'), 200, 15, 'ProjectAssignedToXiangnanBatch', 'batch');
    expect(event.data).toMatchObject({
      projectId,
      batch: 3,
      assignedOn: '2014-10-15',
      city: '430400',
      qualifiesAsMajor: true,
      evaluation: {
        rule: 'xiangnan_major_project',
        comparedIn: 'CNY',
        thresholdCompared: '307625000',
        rate: { base: 'USD', quote: 'CNY', rate: '6.1525', effectiveOn: '2014-10-08' },
      },
    });
  });

  it('amends the total investment as an admin, keeping the previous figure and the reason', async () => {
    const event = await expectAppended(await story.stepTo('amend'), 200, 16, 'ProjectDetailsAmended', 'amend', ADMIN);
    expect(event.data).toEqual({
      projectId,
      changes: { totalInvestment: { amount: '3200000000.00', currency: 'CNY' } },
      previous: { totalInvestment: { amount: '3000000000.00', currency: 'CNY' } },
      reason: 'Phase II added to the contract',
    });
  });

  it('leaves a history whose hash chain verifies, one command per event', async () => {
    await story.reach('amend');
    const events = await projectStream(api, projectId);
    expect(events.map((e) => e.type)).toEqual([
      'ProjectRegistered',
      'ProjectStageAdvanced',
      'ProjectContractSigned',
      'ProjectBusinessRegistered',
      'ProjectStageAdvanced',
      'ProjectMonthlyProgressReported',
      'ProjectMonthlyProgressReported',
      'ProjectProblemRaised',
      'ProjectProblemResolved',
      'ProjectStageAdvanced',
      'ProjectSuspended',
      'ProjectMonthlyProgressReported',
      'ProjectResumed',
      'ProjectStageAdvanced',
      'ProjectStageAdvanced',
      'ProjectAssignedToXiangnanBatch',
      'ProjectDetailsAmended',
    ]);
    expect(new Set(events.map((e) => e.metadata.commandId)).size).toBe(events.length);
    expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort((a, b) => a - b));
    expect(verifyChain(events)).toEqual({ valid: true, events: 17, lastHash: events[16].metadata.hash });
  });
});

describe('a Changsha lead that never lands', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ now: '2014-09-30T02:00:00Z' });
  });
  afterAll(() => api.close());

  it('is abandoned while suspended, with the reason and the stage it stopped at', async () => {
    const id = await givenProject(
      api,
      { city: '430100', stage: 'strategy', introducers: [{ unit: 'changsha-commerce-bureau', share: '1' }] },
      KEYS.integrationChangsha,
    );
    const ask = (path: string, body: unknown) =>
      api.request('POST', `/api/v1/projects/${id}/${path}`, { key: KEYS.integrationChangsha, body });
    expect((await ask('contract', { signedOn: '2014-04-01' })).status).toBe(200);
    expect(
      (await ask('suspension', { reason: 'Investor reviewing its plans', suspendedOn: '2014-05-01' })).status,
    ).toBe(200);

    const response = await ask('abandonment', { reason: 'Investor withdrew', abandonedOn: '2014-09-01' });
    expect({ status: response.status, body: response.body, etag: response.headers.etag }).toEqual({
      status: 200,
      body: { id, revision: 3, position: expect.any(Number) },
      etag: '"3"',
    });
    const events = await projectStream(api, id);
    expect(events.map((e) => e.type)).toEqual([
      'ProjectRegistered',
      'ProjectContractSigned',
      'ProjectSuspended',
      'ProjectAbandoned',
    ]);
    expect(events[3]).toMatchObject({
      data: {
        projectId: id,
        stage: 'signed',
        wasSuspended: true,
        reason: 'Investor withdrew',
        abandonedOn: '2014-09-01',
      },
      metadata: {
        actor: 'changsha-client',
        role: 'integration',
        unit: 'changsha-commerce-bureau',
        correlationId: events[3].metadata.commandId,
      },
    });
  });

  it('is abandoned straight from an active stage, then refuses every later command with 409', async () => {
    const id = await givenProject(api, { stage: 'negotiating' });
    const abandon = await api.request('POST', `/api/v1/projects/${id}/abandonment`, {
      body: { reason: 'Moved to Guangxi', abandonedOn: '2014-06-01' },
    });
    expect(abandon.status).toBe(200);
    const [, abandoned] = await projectStream(api, id);
    expect(abandoned).toMatchObject({ type: 'ProjectAbandoned', data: { stage: 'negotiating', wasSuspended: false } });

    const later: [string, unknown][] = [
      ['resumption', { resumedOn: '2014-07-01' }],
      ['contract', { signedOn: '2014-07-01' }],
      ['suspension', { reason: 'again', suspendedOn: '2014-07-01' }],
      ['abandonment', { reason: 'again', abandonedOn: '2014-07-01' }],
      [
        'problems',
        {
          title: 'Late question',
          description: 'Anything?',
          assignedUnit: 'changsha-commerce-bureau',
          raisedOn: '2014-07-01',
        },
      ],
    ];
    for (const [path, body] of later) {
      const refused = await api.request('POST', `/api/v1/projects/${id}/${path}`, { body });
      expect({ path, status: refused.status, currentStage: refused.body.currentStage }).toEqual({
        path,
        status: 409,
        currentStage: 'abandoned',
      });
    }
    const amend = await api.request('PATCH', `/api/v1/projects/${id}`, {
      body: { name: 'Renamed', reason: 'late rename' },
    });
    expect({ status: amend.status, currentStage: amend.body.currentStage }).toEqual({
      status: 409,
      currentStage: 'abandoned',
    });
    expect(await projectStream(api, id)).toHaveLength(2);
  });
});
