import type { ReadDocument } from '../read-store.port';

/**
 * Parsed documents of whole collections, kept until anything commits to the database: a query that scans a
 * collection then filters objects instead of parsing every row again (JSON.parse is most of a scan's cost).
 *
 * Staleness is ruled out, not bounded: SQLite's `data_version` changes when ANOTHER connection (the projector
 * process) commits, and this store bumps `localChanges` after its own commits, which `data_version` ignores.
 * Callers get copies (see EmbeddedReadStore), so a caller that mutates a result cannot corrupt the cache.
 */
export class DocumentCache {
  private version = '';
  private readonly collections = new Map<string, ReadDocument[]>();
  private localChanges = 0;

  constructor(
    private readonly dataVersion: () => number,
    /** Larger collections are parsed per query rather than held in memory. */
    private readonly maxDocuments = 50_000,
  ) {}

  /** After this connection committed (or may have committed) document changes. */
  changed(): void {
    this.localChanges += 1;
    this.collections.clear();
  }

  documents(collection: string, load: () => ReadDocument[]): ReadDocument[] {
    const version = `${this.dataVersion()}:${this.localChanges}`;
    if (version !== this.version) {
      this.collections.clear();
      this.version = version;
    }
    const cached = this.collections.get(collection);
    if (cached !== undefined) return cached;
    const loaded = load();
    if (loaded.length <= this.maxDocuments) this.collections.set(collection, loaded);
    return loaded;
  }
}
