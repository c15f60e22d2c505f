import { GCProfiler, getHeapStatistics } from 'node:v8';

/**
 * Caches that can be dropped when the heap runs short, and the check that drops them.
 *
 * The caches' bounds are in bytes of JSON, shares of the heap limit (withinHeap), and a parsed document takes about
 * twice its JSON on the heap. Under `--max-old-space-size=320` the live read store's caches held about 220 MB of
 * heap after the documented queries at 1M events; the as-of engine's recent states and parsed parts then took
 * what the next monthly dispatch of a late month needed to compute, and the api died out of memory (a live pass,
 * as-of questions at five late instants, a live pass: each time). Nothing that waits for a garbage collection can
 * help (a report computes synchronously until it ends), so the check runs before each read: when the heap in
 * use after the last full collection passes the share, what registered itself here (the as-of engine's states and
 * parsed parts: rebuilt from snapshots on the next question) is dropped, once per full collection that said so.
 * The live read store registers too (embedded-read-store.ts): its held collections are read again by the next
 * query, where an as-of question at a late instant ran out of memory beside them (the live caches alone hold under
 * half of the limit, so only as-of work pushes the heap over the share). A long as-of fold also checks as it goes
 * (as-of-engine.ts): it is one request, and the heap it fills is not seen by the check made before it began.
 * The figure is V8's own, taken as the collection ended (v8.GCProfiler): the heap in use at the moment of the
 * check, or when Node reports the collection later, counts the garbage made since, and dropped the as-of states
 * between two questions as of one instant at 1M events (with the first, the mean as-of answer of
 * benchmarks/as-of-api.bench.ts went from 398 to 522 ms).
 */
const releasers = new Set<() => void>();

/** The share of the heap limit in use beyond which the registered caches are dropped. */
export const HEAP_PRESSURE_SHARE = 0.6;

/**
 * V8's record of each collection since it was last read: kept from the first check while anything is registered, so
 * that a process that never checks (the projector, the command line: their read stores register too) keeps none.
 */
let profiler: GCProfiler | undefined;
/** Reads the record every second between checks: V8 keeps every collection's entry until it is read. */
let reader: ReturnType<typeof setInterval> | undefined;
/** The heap in use as the last full (mark-sweep-compact) collection ended; 0: none since the caches were dropped. */
let usedAfterFullGc = 0;
/**
 * V8's record is read at most this often. Read at every request (a stop, a start, its JSON parsed), it cost the
 * api about a fifth of its commands per second over HTTP at 16 clients (bench:commands, three interleaved pairs:
 * 1,011-1,196 against 1,307-1,396 events/s before the check); the check also runs for reads only (bootstrap.ts).
 */
export const HEAP_POLL_MS = 100;
/**
 * Between checks the record is read this often: unread, it grew by every collection of a process that only took
 * commands (21,500 scavenges held 62 MB of it, about 106 MB of RSS).
 */
const READ_EVERY_MS = 1_000;
let polledAt = -Infinity;

const readRecord = (): void => {
  polledAt = performance.now();
  const { statistics } = profiler!.stop();
  profiler!.start();
  for (const collection of statistics)
    if (collection.gcType === 'MarkSweepCompact') usedAfterFullGc = collection.afterGC.heapStatistics.usedHeapSize;
};

const stopWatching = (): void => {
  profiler?.stop();
  profiler = undefined;
  clearInterval(reader);
  reader = undefined;
  usedAfterFullGc = 0;
};

/**
 * The heap in use after the last full collection (0 if none since the last drop or since watching began: the first
 * check while anything is registered begins it), and its limit.
 */
export const heapAfterFullCollection = (): { used_heap_size: number; heap_size_limit: number } => {
  if (profiler === undefined && releasers.size > 0) {
    profiler = new GCProfiler();
    profiler.start();
    usedAfterFullGc = 0;
    polledAt = performance.now();
    reader = setInterval(readRecord, READ_EVERY_MS);
    reader.unref();
  } else if (profiler !== undefined && performance.now() - polledAt >= HEAP_POLL_MS) readRecord();
  return { used_heap_size: usedAfterFullGc, heap_size_limit: getHeapStatistics().heap_size_limit };
};

/** Registers a cache's release; returns its unregistration (call it when the cache is closed). */
export const onHeapPressure = (release: () => void): (() => void) => {
  releasers.add(release);
  return () => {
    releasers.delete(release);
    if (releasers.size === 0) stopWatching();
  };
};

/**
 * Drops every registered cache when the heap in use (by default: after the last full collection) is above `share`
 * of its limit; then not again until a later full collection says so. A release that throws stops neither the
 * others nor the request. True when it dropped them.
 */
export const relieveHeapPressure = (
  share = HEAP_PRESSURE_SHARE,
  heap: () => { used_heap_size: number; heap_size_limit: number } = heapAfterFullCollection,
): boolean => {
  const { used_heap_size, heap_size_limit } = heap();
  if (used_heap_size <= share * heap_size_limit) return false;
  for (const release of releasers)
    try {
      release();
    } catch {
      // A cache that cannot be dropped stays as it is; the request goes on.
    }
  usedAfterFullGc = 0;
  return true;
};
