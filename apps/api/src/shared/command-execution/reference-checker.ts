import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@itp/event-store';
import { DomainValidationError, evolvePark, initialParkState, parkStreamId, investorStreamId, EXCHANGE_RATES_STREAM_ID, evolveExchangeRates, initialExchangeRatesState, rateTableOf, type ExchangeRateEvent, type ParkEvent, type RateTable } from '@itp/domain';

/**
 * Checks that ids a command refers to (in its body) name aggregates that exist, and reads the rate table.
 * Aggregates are consistency boundaries: these reads are checks at the time of the command, not locks.
 */
@Injectable()
export class ReferenceChecker {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async requireInvestor(investorId: string, field: string): Promise<void> {
    const events = await this.store.readStream(investorStreamId(investorId), { maxCount: 1 });
    if (events.length === 0) throw DomainValidationError.single(field, `no investor with id ${investorId}: register it first`);
  }

  async requirePark(parkId: string, field: string, city: string): Promise<void> {
    const events = await this.store.readStream(parkStreamId(parkId));
    const park = events.reduce((state, event) => evolvePark(state, event as unknown as ParkEvent), initialParkState());
    if (park.status === 'absent') throw DomainValidationError.single(field, `no park with id ${parkId}: register it first`);
    if (park.city !== city) throw DomainValidationError.single(field, `park ${parkId} is in city ${park.city}, not in the project's city ${city}`);
  }

  async exchangeRates(): Promise<RateTable> {
    const events = await this.store.readStream(EXCHANGE_RATES_STREAM_ID);
    return rateTableOf(events.reduce((state, event) => evolveExchangeRates(state, event as unknown as ExchangeRateEvent), initialExchangeRatesState()));
  }
}
