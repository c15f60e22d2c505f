import { AlreadyExistsError, DomainValidationError } from '../shared/domain-errors';
import { DOMAIN_EVENTS } from '../shared/domain-events';
import { specFor } from '../testing/given-when-then';
import type { PublishReport } from './publication.commands';
import type { ReportPublished } from './publication.events';
import { publicationsDecider } from './publication.decide';

const given = specFor(publicationsDecider);
const HASH = 'a'.repeat(64);

const publish = (overrides: Partial<PublishReport['data']> = {}): PublishReport => ({
  type: 'PublishReport',
  data: {
    publicationId: 'pub-1',
    report: 'quarterly-bulletin',
    parameters: { quarter: '2014-Q2' },
    position: 250,
    positionRecordedAt: '2014-07-05T09:00:00.000Z',
    sha256: HASH,
    recordedOn: '2014-07-05',
    ...overrides,
  },
});

const published = (overrides: Partial<ReportPublished['data']> = {}): ReportPublished => ({
  type: 'ReportPublished',
  data: {
    publicationId: 'pub-1',
    report: 'quarterly-bulletin',
    parameters: { quarter: '2014-Q2' },
    position: 250,
    positionRecordedAt: '2014-07-05T09:00:00.000Z',
    sha256: HASH,
    publishedOn: '2014-07-05',
    ...overrides,
  },
});

describe('PublishReport', () => {
  it('records the report, its parameters, the position it was computed at and its hash', () =>
    given().when(publish()).then(published()));

  it('publishes another report beside the first', () =>
    given(published())
      .when(publish({ publicationId: 'pub-2', report: 'targets', parameters: { year: '2014' } }))
      .then(published({ publicationId: 'pub-2', report: 'targets', parameters: { year: '2014' } })));

  it('the same publication again records nothing (a retry)', () => given(published()).when(publish()).then([]));

  it('refuses another freeze under an id already published', () =>
    given(published())
      .when(publish({ sha256: 'b'.repeat(64) }))
      .then(AlreadyExistsError, (e) => expect(e.id).toBe('pub-1')));

  it.each([
    ['report', { report: 'promotion' as never }],
    ['sha256', { sha256: 'ABC' }],
    ['position', { position: -1 }],
    ['publicationId', { publicationId: '' }],
  ])('refuses a bad %s', (field, overrides) =>
    given()
      .when(publish(overrides))
      .then(DomainValidationError, (e) => expect(e.errors.map((x) => x.field)).toEqual([field])),
  );

  it('is in the domain catalogue, so the log decodes it', () => {
    expect(DOMAIN_EVENTS.isType('ReportPublished')).toBe(true);
    expect(DOMAIN_EVENTS.schemaVersion('ReportPublished')).toBe(1);
  });
});
