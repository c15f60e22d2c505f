import type { RecordedEvent } from '@itp/event-store';
import { KEYS, type ApiHarness } from './api-harness';

/** Valid request bodies and small drivers for the command e2e suites. Every builder takes overrides. */

type Body = Record<string, unknown>;
type Key = string;

/** A real, check-digit-valid 统一社会信用代码 (Gree Electric). */
export const GREE_CREDIT_CODE = '91440400192548256N';

export const investorBody = (overrides: Body = {}): Body => ({
  name: 'Gree Electric',
  country: 'CN',
  unifiedSocialCreditCode: GREE_CREDIT_CODE,
  rankings: ['china_top_100', 'listed'],
  ...overrides,
});

export const foreignInvestorBody = (overrides: Body = {}): Body => ({
  name: 'Delta Electronics',
  country: 'TW',
  rankings: ['listed'],
  ...overrides,
});

/** A Hengyang lead of CNY 3 billion, domestic capital, at the intention stage. */
export const projectBody = (investorId: string, overrides: Body = {}): Body => ({
  name: 'Hengyang Huayao City',
  investorId,
  city: '430400',
  industry: 'modern_services',
  capitalType: 'domestic',
  totalInvestment: { amount: '3000000000.00', currency: 'CNY' },
  sourceRegions: ['pearl_river_delta'],
  leadChannel: 'representative_office',
  introducers: [{ unit: 'hengyang-commerce-bureau', share: '1' }],
  stage: 'intention',
  identifiedOn: '2014-02-10',
  ...overrides,
});

export const parkBody = (overrides: Body = {}): Body => ({
  name: 'Hengyang Songmu industrial park',
  city: '430400',
  level: 'provincial_park',
  ...overrides,
});

export const rateBody = (overrides: Body = {}): Body => ({
  base: 'USD',
  quote: 'CNY',
  rate: '6.1000',
  effectiveOn: '2014-01-02',
  source: 'PBOC central parity',
  ...overrides,
});

export const money = (amount: string, currency: 'CNY' | 'USD' = 'CNY') => ({ amount, currency });

export const projectStream = (api: ApiHarness, projectId: string): Promise<RecordedEvent[]> =>
  api.store.readStream(`project-${projectId}`);

/** Fails the test with the answer when a setup command does not succeed. */
export function expectSuccess(
  response: { status: number; body: any },
  status: 200 | 201 = 200,
): { status: number; body: any } {
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response;
}

export async function givenInvestor(api: ApiHarness, key: Key = KEYS.admin, overrides: Body = {}): Promise<string> {
  const response = expectSuccess(
    await api.request('POST', '/api/v1/investors', { key, body: investorBody(overrides) }),
    201,
  );
  return response.body.id;
}

export async function givenPark(api: ApiHarness, overrides: Body = {}, key: Key = KEYS.admin): Promise<string> {
  const response = expectSuccess(await api.request('POST', '/api/v1/parks', { key, body: parkBody(overrides) }), 201);
  return response.body.id;
}

export async function givenRate(api: ApiHarness, overrides: Body = {}): Promise<void> {
  expectSuccess(
    await api.request('POST', '/api/v1/exchange-rates', { key: KEYS.admin, body: rateBody(overrides) }),
    201,
  );
}

/** Registers an investor (unless `investorId` is given) and a project; returns the project id. */
export async function givenProject(api: ApiHarness, overrides: Body = {}, key: Key = KEYS.admin): Promise<string> {
  const investorId = (overrides.investorId as string | undefined) ?? (await givenInvestor(api, key));
  const response = expectSuccess(
    await api.request('POST', '/api/v1/projects', { key, body: projectBody(investorId, overrides) }),
    201,
  );
  return response.body.id;
}

/** Sends one command to an existing project and insists that it succeeds. */
export async function given(
  api: ApiHarness,
  projectId: string,
  path: string,
  body: Body,
  key: Key = KEYS.admin,
): Promise<any> {
  const status = path === 'problems' || path === 'progress-reports' ? 201 : 200;
  return expectSuccess(await api.request('POST', `/api/v1/projects/${projectId}/${path}`, { key, body }), status).body;
}

/** A project registered on 2014-02-10 (intention) whose contract was signed on 2014-03-05. */
export async function givenSignedProject(
  api: ApiHarness,
  overrides: Body = {},
  key: Key = KEYS.admin,
): Promise<string> {
  const id = await givenProject(api, overrides, key);
  await given(api, id, 'contract', { signedOn: '2014-03-05' }, key);
  return id;
}

/** One command of a story a test follows step by step: the day it is sent on, and how it is sent. */
export interface StoryStep {
  step: string;
  now: string;
  send: () => Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
}

/**
 * Follows `story` for one test, so that each test can start from nothing: `stepTo(name)` takes every step
 * before `name` that this test has not taken yet (each must succeed), then `name` itself, whose answer the test
 * checks; `reach(name)` takes them all, `name` included.
 */
export function followStory(api: ApiHarness, story: readonly StoryStep[]) {
  let taken = 0;
  const indexOf = (step: string): number => {
    const index = story.findIndex((s) => s.step === step);
    if (index < 0) throw new Error(`No step ${step} in the story`);
    return index;
  };
  const take = (index: number) => {
    if (index !== taken) throw new Error(`Step ${story[index].step} taken out of order (after ${taken} steps)`);
    taken = index + 1;
    api.setNow(story[index].now);
    return story[index].send();
  };
  const reach = async (step: string): Promise<void> => {
    for (let index = taken; index <= indexOf(step); index++) {
      const response = await take(index);
      if (response.status !== 200 && response.status !== 201)
        throw new Error(`step ${story[index].step}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  };
  const stepTo = async (step: string) => {
    const index = indexOf(step);
    if (index > 0) await reach(story[index - 1].step);
    return take(index);
  };
  return { reach, stepTo };
}

/** Runs `act` and checks that the store's global log did not move: nothing was appended anywhere. */
export async function expectNothingAppended<T>(api: ApiHarness, act: () => Promise<T>): Promise<T> {
  const before = await api.store.headPosition();
  const result = await act();
  expect(await api.store.headPosition()).toBe(before);
  return result;
}

export const PROBLEM_TYPE = (slug: string) => `https://itp.hunan.gov.cn/problems/${slug}`;

/** An RFC 9457 answer of the given status and type, with a title and a detail. */
export function expectProblem(
  response: { status: number; body: any; headers: Record<string, unknown> },
  status: number,
  slug: string,
): void {
  expect({ status: response.status, body: response.body }).toMatchObject({
    status,
    body: { type: PROBLEM_TYPE(slug), status, title: expect.any(String), detail: expect.any(String) },
  });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
}

/** The distinct field names of a 400 answer, sorted. */
export const fieldsOf = (body: { errors?: { field: string }[] }): string[] =>
  [...new Set((body.errors ?? []).map((e) => e.field))].sort();

/**
 * Makes the store answer every read of a stream only after `ms` milliseconds, as a networked store would, so
 * that commands sent at once really overlap between reading their stream and appending to it (the embedded
 * SQLite store answers synchronously, which would run them one after another). Returns the undo.
 */
export function slowReadsAndAppends(api: ApiHarness, ms: number): () => void {
  // Appends too: a command on a stream the api has folded decides on its cache and appends without reading, so a
  // slow read alone would no longer widen the window between a decision and its append.
  const store = api.store as {
    readStream: ApiHarness['store']['readStream'];
    appendToStream: ApiHarness['store']['appendToStream'];
  };
  const { readStream, appendToStream } = store;
  store.readStream = async (...args) => {
    const events = await readStream.apply(api.store, args);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return events;
  };
  store.appendToStream = async (...args) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return appendToStream.apply(api.store, args);
  };
  return () => {
    store.readStream = readStream;
    store.appendToStream = appendToStream;
  };
}
