import { investorStreamId } from '@itp/domain';
import type { EventStore, RecordedEvent } from '@itp/event-store';
import { DecisionContextReader } from './decision-context-reader';

/** Given what the investors' streams hold, when a project command names investors, then which exist, and what was read. */
describe('DecisionContextReader', () => {
  const registered = { type: 'InvestorRegistered' } as RecordedEvent;
  const streams = new Map<string, RecordedEvent[]>();
  const readStream = jest.fn(async (streamId: string) => streams.get(streamId) ?? []);
  const reader = new DecisionContextReader({ readStream } as unknown as EventStore);
  const namesInvestor = (id: string) => reader.forProject({ exchangeRates: false, investorIds: [id], parkIds: [] });

  beforeEach(() => {
    streams.clear();
    readStream.mockClear();
  });

  it('reads a registered investor once: a yes is kept, as an investor is never unregistered', async () => {
    streams.set(investorStreamId('inv-1'), [registered]);
    expect((await namesInvestor('inv-1')).references.investors.has('inv-1')).toBe(true);
    expect((await namesInvestor('inv-1')).references.investors.has('inv-1')).toBe(true);
    expect(readStream).toHaveBeenCalledTimes(1);
  });

  it('asks again about an investor it did not find, and finds it once registered', async () => {
    expect((await namesInvestor('inv-2')).references.investors.has('inv-2')).toBe(false);
    expect((await namesInvestor('inv-2')).references.investors.has('inv-2')).toBe(false);
    streams.set(investorStreamId('inv-2'), [registered]);
    expect((await namesInvestor('inv-2')).references.investors.has('inv-2')).toBe(true);
    expect(readStream).toHaveBeenCalledTimes(3);
  });
});
