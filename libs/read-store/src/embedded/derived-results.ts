import type { Derivation, ReadDocument, StoredDocument } from '../read-store.port';
import { deepFreeze } from './document-cache';

/** The results remembered per document: those of the derivations asked of it most recently. */
export const RESULTS_PER_DOCUMENT = 4;

interface Remembered {
  key: string;
  basis: object | undefined;
  result: unknown;
}

/**
 * What `findDerived` made of each document the cache holds, remembered by the document object itself. The cache
 * holds one frozen object per stored version of a document and parses a new one for any change (its own commit's
 * patch, or everything after another process's commit), so an entry can only be asked for again while the version
 * it was derived from stands, and it goes with that object (a WeakMap). A hit reads nothing: neither the series a
 * lazy document keeps apart (a warm monthly dispatch at 1M events read 114 MB of them, about 1.3 s a request under
 * a 320 MB heap, whose series cache holds a third of them) nor the document's fields.
 *
 * Bounded by the documents held (their bound is the cache's) times RESULTS_PER_DOCUMENT; results are frozen, as
 * they are shared by every request that asks the same.
 */
export class DerivedResults {
  private readonly byDocument = new WeakMap<object, Remembered[]>();

  of<T extends ReadDocument, R>(
    held: ReadDocument,
    derivation: Derivation<T, R>,
    whole: (held: ReadDocument) => ReadDocument,
  ): R {
    const remembered = this.byDocument.get(held);
    const at = remembered?.findIndex((entry) => entry.key === derivation.key && entry.basis === derivation.basis);
    if (remembered !== undefined && at !== undefined && at >= 0) {
      const hit = remembered[at]!;
      // The one asked last goes first: the one asked least recently is the one pushed out.
      if (at > 0) remembered.copyWithin(1, 0, at)[0] = hit;
      return hit.result as R;
    }
    const result = deepFreeze(derivation.derive(whole(held) as StoredDocument<T>));
    const entries = remembered ?? [];
    entries.unshift({ key: derivation.key, basis: derivation.basis, result });
    if (entries.length > RESULTS_PER_DOCUMENT) entries.pop();
    if (remembered === undefined) this.byDocument.set(held, entries);
    return result;
  }
}
