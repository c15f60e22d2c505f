import { MongoServerError, type Db } from 'mongodb';
import type { CollectionValidator, ValidatorOutcome } from '../read-store.port';

/**
 * What a MongoDB-compatible server may lack, learnt at run time: undefined until tried, then remembered for the
 * life of the store. FerretDB 1.x answers NotImplemented to `create` with `viewOn` or `validator` and to
 * `collMod` (verified on 1.24); MongoDB has both. Neither is needed by this port's own readers (aliases are),
 * so a server without them, or one that refuses them, never makes a switch or a write fail.
 */
export interface OptionalFeatures {
  views: boolean | undefined;
  validators: boolean | undefined;
}

export type ViewOutcome = { view: true } | { view: false; reason: string };

const NAMESPACE_NOT_FOUND = 26;
/** NotImplemented (FerretDB), CommandNotSupported, CommandNotFound: the server lacks the feature for good. */
const LACKS_FEATURE = new Set([238, 115, 59]);

const refusal = (error: unknown, lacks: () => void): string => {
  // Anything but the server's own answer (a network error, say) is not a refusal: let the caller's guard see it.
  if (!(error instanceof MongoServerError)) throw error;
  if (typeof error.code === 'number' && LACKS_FEATURE.has(error.code)) lacks();
  return `${error.codeName ?? error.code}: ${error.message}`;
};

/**
 * Points the view `name` at `target` (creating it, or `collMod` when it exists), so that tools reading MongoDB
 * directly follow blue/green switches by name. Nothing happens when a real collection holds the name (the alias
 * still serves this port's readers) or when the server has no views.
 */
export async function pointView(
  db: Db,
  name: string,
  target: string,
  features: OptionalFeatures,
): Promise<ViewOutcome> {
  if (features.views === false) return { view: false, reason: 'the server has no views' };
  try {
    const [existing] = await db.listCollections({ name }).toArray();
    if (existing === undefined) {
      await db.command({ create: name, viewOn: target, pipeline: [] });
    } else if (existing.type !== 'view') {
      return { view: false, reason: `a collection named ${name} exists` };
    } else if ((existing as { options?: { viewOn?: string } }).options?.viewOn !== target) {
      await db.command({ collMod: name, viewOn: target, pipeline: [] });
    }
    features.views = true;
    return { view: true };
  } catch (error) {
    return { view: false, reason: refusal(error, () => (features.views = false)) };
  }
}

/** Drops the view `name` if there is one (never a collection). */
export async function dropView(db: Db, name: string, features: OptionalFeatures): Promise<void> {
  if (features.views === false) return;
  const [existing] = await db.listCollections({ name }).toArray();
  if (existing?.type === 'view') await db.collection(name).drop();
}

/** Sets the `$jsonSchema` validator of a physical collection: `collMod`, or `create` when it does not exist yet. */
export async function applyValidator(
  db: Db,
  collection: string,
  validator: CollectionValidator,
  features: OptionalFeatures,
): Promise<ValidatorOutcome> {
  if (features.validators === false) return { applied: false, reason: 'the server has no document validation' };
  const options = {
    validator: { $jsonSchema: validator.jsonSchema },
    validationLevel: validator.level,
    validationAction: validator.action,
  };
  try {
    try {
      await db.command({ collMod: collection, ...options });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error;
      await db.command({ create: collection, ...options });
    }
    features.validators = true;
    return { applied: true };
  } catch (error) {
    return { applied: false, reason: refusal(error, () => (features.validators = false)) };
  }
}
