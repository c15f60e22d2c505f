import * as domain from '@itp/domain';

describe('@itp/domain', () => {
  it('names one stream per aggregate, as stored history expects', () => {
    expect(domain.projectStreamId('42')).toBe('project-42');
    expect(domain.investorStreamId('42')).toBe('investor-42');
    expect(domain.parkStreamId('42')).toBe('park-42');
    expect(domain.EXCHANGE_RATES_STREAM_ID).toBe('exchange-rates');
  });

  it('files an unknown aggregate under NotFoundError', () =>
    expect(domain.AggregateNotFoundError.prototype).toBeInstanceOf(domain.NotFoundError));
});
