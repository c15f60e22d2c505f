import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@itp/event-store';
import {
  EXCHANGE_RATE_EVENTS,
  EXCHANGE_RATES_STREAM_ID,
  emptyRateTable,
  evolveExchangeRates,
  evolvePark,
  initialExchangeRatesState,
  initialParkState,
  investorStreamId,
  PARK_EVENTS,
  parkStreamId,
  rateTableOf,
  type CityCode,
  type ProjectCommandReads,
  type ProjectDecisionContext,
  type RateTable,
} from '@itp/domain';

/**
 * Reads what a decision needs from streams other than the command's own (the rate table, the investors and
 * parks a project names), before the command's turn on its stream. These are checks at the time of the
 * command, not locks: aggregates are consistency boundaries.
 */
@Injectable()
export class DecisionContextReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async forProject(reads: ProjectCommandReads): Promise<ProjectDecisionContext> {
    const [exchangeRates, investors, parks] = await Promise.all([
      reads.exchangeRates ? this.exchangeRates() : emptyRateTable(),
      Promise.all(reads.investorIds.map(async (id) => ((await this.investorExists(id)) ? [id] : []))),
      Promise.all(
        reads.parkIds.map(async (id) =>
          ((city) => (city === undefined ? [] : [[id, city] as const]))(await this.parkCity(id)),
        ),
      ),
    ]);
    return { exchangeRates, references: { investors: new Set(investors.flat()), parks: new Map(parks.flat()) } };
  }

  private async investorExists(investorId: string): Promise<boolean> {
    return (await this.store.readStream(investorStreamId(investorId), { maxCount: 1 })).length > 0;
  }

  private async parkCity(parkId: string): Promise<CityCode | undefined> {
    const events = await this.store.readStream(parkStreamId(parkId));
    const park = events.reduce((state, event) => evolvePark(state, PARK_EVENTS.decode(event)), initialParkState());
    return park.status === 'registered' ? park.city : undefined;
  }

  private async exchangeRates(): Promise<RateTable> {
    const events = await this.store.readStream(EXCHANGE_RATES_STREAM_ID);
    return rateTableOf(
      events.reduce(
        (state, event) => evolveExchangeRates(state, EXCHANGE_RATE_EVENTS.decode(event)),
        initialExchangeRatesState(),
      ),
    );
  }
}
