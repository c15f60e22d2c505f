import { physicalCollection, type Projection } from '../projection';

/**
 * How physical collections are named: `<collection>_v<version>` for the first build of a version, then
 * `<collection>_v<version>_rebuild_<n>` for each rebuild of the same version, so a rebuild always writes
 * beside the collection readers use and the name says which fold produced it.
 */
export interface PhysicalName {
  version: number;
  /** 0 for the first build of the version. */
  rebuild: number;
}

/** Parses a physical name of `collection`; undefined when it is not one (e.g. the alias has no target yet). */
export const parsePhysical = (collection: string, physical: string): PhysicalName | undefined => {
  if (!physical.startsWith(`${collection}_v`)) return undefined;
  const match = /^(\d+)(?:_rebuild_(\d+))?$/.exec(physical.slice(collection.length + 2));
  if (match === null) return undefined;
  return { version: Number(match[1]), rebuild: match[2] === undefined ? 0 : Number(match[2]) };
};

/** The collection a rebuild of `projection` writes to, given the one readers use now. */
export const rebuildTarget = (projection: Projection, current: string): string => {
  const parsed = parsePhysical(projection.collection, current);
  const base = physicalCollection(projection);
  if (parsed === undefined || parsed.version !== projection.version) return base;
  return `${base}_rebuild_${parsed.rebuild + 1}`;
};

/** A rebuild keeps its own checkpoint, so the live projection's checkpoint is untouched until the switch. */
export const rebuildCheckpointKey = (projection: Pick<Projection, 'name'>): string => `${projection.name}#rebuild`;
