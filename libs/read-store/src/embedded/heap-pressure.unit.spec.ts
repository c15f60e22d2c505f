import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { heapAfterFullCollection, onHeapPressure, relieveHeapPressure } from './heap-pressure';

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

  it('reads by default the heap in use after the last full collection', async () => {
    let calls = 0;
    const stop = onHeapPressure(() => (calls += 1));
    try {
      setFlagsFromString('--expose-gc');
      (runInNewContext('gc') as () => void)(); // a full collection
      await new Promise((resolve) => setTimeout(resolve, 50)); // its entry reaches the observer
      expect(heapAfterFullCollection().used_heap_size).toBeGreaterThan(0);
      expect(relieveHeapPressure(1)).toBe(false);
      expect(relieveHeapPressure(0)).toBe(true);
      expect(calls).toBe(1);
    } finally {
      stop();
    }
  });
});
