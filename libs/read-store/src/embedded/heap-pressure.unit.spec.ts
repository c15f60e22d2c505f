import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HEAP_POLL_MS, heapAfterFullCollection, onHeapPressure, relieveHeapPressure } from './heap-pressure';

const heapAt = (used: number) => () => ({ used_heap_size: used, heap_size_limit: 100 });

describe('relieving heap pressure', () => {
  it('drops every registered cache only when the heap in use passes the share of its limit', () => {
    const dropped: string[] = [];
    const stopA = onHeapPressure(() => dropped.push('a'));
    const stopB = onHeapPressure(() => dropped.push('b'));
    try {
      expect(relieveHeapPressure(0.6, heapAt(60))).toBe(false);
      expect(dropped).toEqual([]);
      expect(relieveHeapPressure(0.6, heapAt(61))).toBe(true);
      expect(dropped).toEqual(['a', 'b']);
      stopA();
      relieveHeapPressure(0.6, heapAt(99));
      expect(dropped).toEqual(['a', 'b', 'b']); // unregistered: not called again
    } finally {
      stopA();
      stopB();
    }
  });

  it('goes on with the others when a release throws', () => {
    const dropped: string[] = [];
    const stops = [
      onHeapPressure(() => {
        throw new Error('cannot');
      }),
      onHeapPressure(() => dropped.push('b')),
    ];
    try {
      expect(relieveHeapPressure(0.6, heapAt(99))).toBe(true);
      expect(dropped).toEqual(['b']);
    } finally {
      stops.forEach((stop) => stop());
    }
  });

  it("reads V8's heap as a full collection ended, garbage made since not counted, and drops once per collection", async () => {
    // The suite's worker may collect on its own: a full collection is forced where the spec needs one.
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    let calls = 0;
    const stop = onHeapPressure(() => (calls += 1));
    try {
      // Watching begins at the first check.
      expect(heapAfterFullCollection().used_heap_size).toBe(0);
      collect();
      await new Promise((resolve) => setTimeout(resolve, HEAP_POLL_MS + 10));
      const afterCollection = heapAfterFullCollection().used_heap_size;
      expect(afterCollection).toBeGreaterThan(0);
      // 40 MB kept alive after the collection: the heap in use grows, the reading does not (no collection since).
      const kept = Array.from({ length: 400 }, (_, i) => new Array<number>(12_500).fill(i + 0.5)); // 100 KB each
      expect(getHeapStatistics().used_heap_size).toBeGreaterThan(afterCollection + 30_000_000);
      expect(heapAfterFullCollection().used_heap_size).toBe(afterCollection);
      expect(kept).toHaveLength(400);

      expect(relieveHeapPressure(1)).toBe(false);
      expect(relieveHeapPressure(0)).toBe(true);
      expect(calls).toBe(1);
      // Dropped: not again, whatever the share, until a later full collection says so.
      expect(relieveHeapPressure(0)).toBe(false);
      expect(calls).toBe(1);
      collect();
      await new Promise((resolve) => setTimeout(resolve, HEAP_POLL_MS + 10)); // V8's record is read that often
      expect(relieveHeapPressure(0)).toBe(true);
      expect(calls).toBe(2);
    } finally {
      stop();
    }
  });
});
