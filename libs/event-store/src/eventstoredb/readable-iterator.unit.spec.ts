import { PassThrough } from 'node:stream';
import { iterateReadable } from './readable-iterator';

describe('iterateReadable', () => {
  it('delivers items in order, then ends with the stream', async () => {
    const source = new PassThrough({ objectMode: true });
    [1, 2, 3].forEach((n) => source.write(n));
    source.end();
    const items: number[] = [];
    for await (const item of iterateReadable<number>(source)) items.push(item);
    expect(items).toEqual([1, 2, 3]);
  });

  it('delivers what arrived before an error, then throws it', async () => {
    const source = new PassThrough({ objectMode: true });
    source.write('a');
    setImmediate(() => source.destroy(new Error('boom')));
    const items: string[] = [];
    await expect(
      (async () => {
        for await (const item of iterateReadable<string>(source)) items.push(item);
      })(),
    ).rejects.toThrow('boom');
    expect(items).toEqual(['a']);
  });

  it('ends a pending wait as soon as the signal aborts (the source stays open)', async () => {
    const source = new PassThrough({ objectMode: true });
    const controller = new AbortController();
    const iterator = iterateReadable<number>(source, controller.signal);
    const pending = iterator.next();
    setImmediate(() => controller.abort());
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(source.listenerCount('data')).toBe(0);
  });

  it('pauses a fast source while the consumer lags, and resumes it', async () => {
    const source = new PassThrough({ objectMode: true, highWaterMark: 1024 });
    for (let n = 0; n < 1000; n++) source.write(n);
    source.end();
    const iterator = iterateReadable<number>(source);
    await iterator.next();
    expect(source.isPaused()).toBe(true);
    let count = 1;
    for await (const _item of { [Symbol.asyncIterator]: () => iterator }) count++;
    expect(count).toBe(1000);
  });
});
