import { getHeapStatistics } from 'node:v8';

/**
 * The V8 options the api is started with (`npm run start:api`, the Dockerfile, the compose files): what bounds its
 * memory. Node cannot change its heap limit once running, so they are given to `node` itself. The read store's
 * caches take shares of the limit they set (withinHeap in libs/read-store/src/embedded/document-cache.ts). At
 * 1,000,000 events the api holds about 180 MB of live heap after a full GC while serving; 320 MB of old generation
 * leaves room for the answer being computed, and 32 MB semi-spaces (V8's heap_size_limit is then 416 MiB) keep the
 * garbage of one report out of the old generation (with 8 MB the major collections came often enough to put the
 * promotion report and the problems of a unit over 100 ms at p95). `npm run bench:projections` measures them.
 */
export const API_HEAP_OPTIONS = ['--max-old-space-size=320', '--max-semi-space-size=32'] as const;

/** A heap limit above this was not set by API_HEAP_OPTIONS (V8's default on a large machine is several GiB). */
const UNBOUNDED_MIB = 1024;

/** What the api says of its heap limit at start: the limit, and a warning when nothing bounds it. */
export const heapLimitNotice = (limitBytes = getHeapStatistics().heap_size_limit): string => {
  const mib = Math.round(limitBytes / 2 ** 20);
  if (mib <= UNBOUNDED_MIB) return `heap limit ${mib} MiB`;
  return (
    `heap limit ${mib} MiB: V8's default, so the api's memory follows its heap's growth. ` +
    `Start it with node ${API_HEAP_OPTIONS.join(' ')} (npm run start:api does) to bound it`
  );
};
