import * as domain from '@itp/domain';

describe('@itp/domain', () => {
  it('exports the deciders, errors, catalogues and stream ids', () => {
    expect(domain.projectStreamId('42')).toBe('project-42');
    expect(domain.investorStreamId('42')).toBe('investor-42');
    expect(domain.parkStreamId('42')).toBe('park-42');
    expect(domain.EXCHANGE_RATES_STREAM_ID).toBe('exchange-rates');
    for (const decider of [domain.projectDecider, domain.investorDecider, domain.parkDecider, domain.exchangeRatesDecider]) {
      expect(typeof decider.decide).toBe('function');
    }
    expect(domain.CITIES).toHaveLength(14);
    expect(domain.AggregateNotFoundError.prototype).toBeInstanceOf(domain.NotFoundError);
    expect(domain.PROJECT_EVENT_TYPES).toHaveLength(13);
  });
});
