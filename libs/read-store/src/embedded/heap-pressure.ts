import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/**
 * Caches that can be dropped when the heap runs short, and the check that drops them.
 *
 * The caches' bounds are in bytes of JSON, shares of the heap limit (withinHeap), and a parsed document takes about
 * twice its JSON on the heap. Under `--max-old-space-size=320` the live read store's caches held about 220 MB of
 * heap after the documented queries at 1M events; the as-of engine's recent states and parsed parts then took
 * what the next monthly dispatch of a late month needed to compute, and the api died out of memory (a live pass,
 * as-of questions at five late instants, a live pass: each time). Nothing that waits for a garbage collection can
 * help (a report computes synchronously until it ends), so the check runs before each request: when the heap in
 * use after the last full collection passes the share, what registered itself here (the as-of engine's states and
 * parsed parts: rebuilt from snapshots on the next question) is dropped. The live read store does not register:
 * its caches are what the live queries are served from, bounded on their own. The heap in use at the moment would
 * count garbage: read so, it dropped the as-of states between two questions as of one instant at 1M events (the
 * mean as-of answer of benchmarks/as-of-api.bench.ts went from 398 to 522 ms).
 */
const releasers = new Set<() => void>();

/** The heap in use when the last full (mark-sweep-compact) collection had just ended: live objects, little garbage. */
let usedAfterFullGc = 0;
let observer: PerformanceObserver | undefined;
const watchCollections = (): void => {
  if (observer !== undefined) return;
  observer = new PerformanceObserver((list) => {
    const full = list
      .getEntries()
      // Node's gc entries carry their kind in `detail` (the typings do not say so).
      .some((entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (full) usedAfterFullGc = getHeapStatistics().used_heap_size;
  });
  observer.observe({ entryTypes: ['gc'] });
};

/** The heap in use after the last full collection, and its limit: what the check reads by default. */
export const heapAfterFullCollection = () => ({
  used_heap_size: usedAfterFullGc,
  heap_size_limit: getHeapStatistics().heap_size_limit,
});

/** The share of the heap limit in use beyond which the registered caches are dropped. */
export const HEAP_PRESSURE_SHARE = 0.6;

/** Registers a cache's release; returns its unregistration (call it when the cache is closed). */
export const onHeapPressure = (release: () => void): (() => void) => {
  releasers.add(release);
  watchCollections();
  return () => {
    releasers.delete(release);
    if (releasers.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
};

/**
 * Drops every registered cache when the heap in use (by default: after the last full collection) is above `share`
 * of its limit. True when it dropped them.
 */
export const relieveHeapPressure = (
  share = HEAP_PRESSURE_SHARE,
  heap: () => { used_heap_size: number; heap_size_limit: number } = heapAfterFullCollection,
): boolean => {
  const { used_heap_size, heap_size_limit } = heap();
  if (used_heap_size <= share * heap_size_limit) return false;
  for (const release of releasers) release();
  return true;
};
