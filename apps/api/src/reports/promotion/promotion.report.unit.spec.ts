import { rateTable } from '@itp/domain';
import { projectLibraryProjection } from '@itp/projections';
import { fold } from '@itp/projections/testing/fold';
import { eventLog } from '@itp/projections/testing/recorded-events';
import { businessRegistered, FLAT_RATE_EVENTS, projectEvents } from '@itp/domain/testing/project-events';
import { promotionReport } from './promotion.report';
import { leadRecorder } from './testing/record-lead';

/**
 * USD/CNY 6.1000 from 2014-01-02 (none before).
 *   a  event e1 "Hunan (Shanghai) week", identified 03-01, CNY 250,000,000.00, signed 04-01, registered 05-10 (counts)
 *   b  event e1 "Hunan-Shanghai Investment Week 2014", identified 06-20, USD 40,000,000.00 (= CNY 244,000,000.00), signed 07-01
 *   c  event e2 "Tainan spring talks", identified 2013-12-20, CNY 300,000,000.00, signed 02-01, registered 03-01 (counts)
 *   d  representative office, identified 01-10, CNY 180,000,000.00, signed 02-10, registered 02-20 (below: not counted)
 *   e  representative office, identified 01-01, USD 10,000,000.00: no rate on 01-01, a lead without an amount
 *   f  online, identified 2015-01-05: another year
 *   g  amended from event e2 to the channel advisor: no longer an event's
 */
const log = eventLog();
const lead = leadRecorder(log);
const usd = (amount: string) => ({ capitalType: 'foreign', totalInvestment: { amount, currency: 'USD' } }) as const;
const cny = (amount: string) => ({ totalInvestment: { amount, currency: 'CNY' } }) as const;
const event = (id: string, name: string) => ({ leadChannel: 'promotion_event', promotionEvent: { id, name } }) as const;

lead('a', { ...event('e1', 'Hunan (Shanghai) week'), identifiedOn: '2014-03-01', ...cny('250000000.00') }, (r) => [
  projectEvents('a').contractSigned('2014-04-01'),
  businessRegistered(r, '2014-05-10'),
]);
lead(
  'b',
  { ...event('e1', 'Hunan-Shanghai Investment Week 2014'), identifiedOn: '2014-06-20', ...usd('40000000.00') },
  () => [projectEvents('b').contractSigned('2014-07-01')],
);
lead('c', { ...event('e2', 'Tainan spring talks'), identifiedOn: '2013-12-20', ...cny('300000000.00') }, (r) => [
  projectEvents('c').contractSigned('2014-02-01'),
  businessRegistered(r, '2014-03-01'),
]);
lead('d', { leadChannel: 'representative_office', identifiedOn: '2014-01-10', ...cny('180000000.00') }, (r) => [
  projectEvents('d').contractSigned('2014-02-10'),
  businessRegistered(r, '2014-02-20'),
]);
lead('e', { leadChannel: 'representative_office', identifiedOn: '2014-01-01', ...usd('10000000.00') }, () => []);
lead('f', { leadChannel: 'online', identifiedOn: '2015-01-05', ...cny('500000000.00') }, () => []);
lead('g', { ...event('e2', 'Tainan spring talks'), identifiedOn: '2014-08-01', ...cny('1000000.00') }, () => [
  projectEvents('g').amended(
    { leadChannel: 'advisor', promotionEvent: null },
    { leadChannel: 'promotion_event', promotionEvent: { id: 'e2', name: 'Tainan spring talks' } },
  ),
]);

let report: ReturnType<typeof promotionReport>;
beforeAll(async () => {
  report = promotionReport(2014, await fold(projectLibraryProjection, log.events), rateTable(FLAT_RATE_EVENTS));
});

const figure = (count: number, amountCny: string, projectIds: string[]) => ({ count, amountCny, projectIds });

describe('what the promotion work of 2014 yielded', () => {
  it('totals leads, contracts and counted registrations of the year, in CNY at the rate of each date', () =>
    expect(report.totals).toEqual({
      // a 250,000,000.00 + b 244,000,000.00 + d 180,000,000.00 + g 1,000,000.00 (e has no rate on 01-01)
      leads: figure(5, '675000000.00', ['e', 'd', 'a', 'b', 'g']),
      // c 300,000,000.00 + d 180,000,000.00 + a 250,000,000.00 + b 244,000,000.00
      contracts: figure(4, '974000000.00', ['c', 'd', 'a', 'b']),
      // c 300,000,000.00 + a 250,000,000.00 (d is below the threshold)
      registrations: figure(2, '550000000.00', ['c', 'a']),
    }));

  it('breaks them down by lead channel, in the catalogue’s order, with its names', () => {
    const channel = (code: string) => report.byChannel.find((c) => c.channel === code)!;
    expect(report.byChannel.map((c) => c.channel)).toEqual([
      'representative_office',
      'chamber_or_association',
      'advisor',
      'investor_referral',
      'online',
      'promotion_event',
      'other',
    ]);
    expect(channel('promotion_event')).toEqual({
      channel: 'promotion_event',
      name: { en: 'Promotion event', zh: '对接活动' },
      leads: figure(2, '494000000.00', ['a', 'b']),
      contracts: figure(3, '794000000.00', ['c', 'a', 'b']),
      registrations: figure(2, '550000000.00', ['c', 'a']),
    });
    expect(channel('representative_office')).toMatchObject({
      leads: figure(2, '180000000.00', ['e', 'd']),
      contracts: figure(1, '180000000.00', ['d']),
      registrations: figure(0, '0.00', []),
    });
    expect(channel('advisor').leads).toEqual(figure(1, '1000000.00', ['g']));
    expect(channel('online').leads).toEqual(figure(0, '0.00', []));
  });

  it('groups promotion events by id, showing the most recent name and listing the others', () =>
    expect(report.byEvent).toEqual([
      {
        eventId: 'e1',
        name: 'Hunan-Shanghai Investment Week 2014',
        otherNames: ['Hunan (Shanghai) week'],
        leads: figure(2, '494000000.00', ['a', 'b']),
        contracts: figure(2, '494000000.00', ['a', 'b']),
        registrations: figure(1, '250000000.00', ['a']),
      },
      {
        eventId: 'e2',
        name: 'Tainan spring talks',
        otherNames: [],
        leads: figure(0, '0.00', []),
        contracts: figure(1, '300000000.00', ['c']),
        registrations: figure(1, '300000000.00', ['c']),
      },
    ]));

  it('lists the line behind every figure with the amount and the rate used', () => {
    expect(report.projects.find((p) => p.projectId === 'b' && p.measure === 'leads')).toEqual({
      projectId: 'b',
      name: 'b',
      city: '430100',
      leadChannel: 'promotion_event',
      promotionEvent: { id: 'e1', name: 'Hunan-Shanghai Investment Week 2014' },
      measure: 'leads',
      date: '2014-06-20',
      amount: { amount: '40000000.00', currency: 'USD' },
      amountCny: { amount: '244000000.00', exact: '244000000.00', rate: { rate: '6.1000', effectiveOn: '2014-01-02' } },
    });
    expect(report.projects).toHaveLength(11);
  });

  it('names the lines it could not convert', () =>
    expect(report.unconverted).toEqual([{ projectId: 'e', measure: 'leads' }]));
});
