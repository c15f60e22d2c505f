import Database from 'better-sqlite3';
import type { SignedCheckpoint } from './checkpoint';
import type { ChainLink } from './global-chain';
import type { NotaryStore } from './notary-store.port';

const DDL = `
CREATE TABLE IF NOT EXISTS links (
  seq         INTEGER PRIMARY KEY,
  position    INTEGER NOT NULL,
  recorded_at TEXT    NOT NULL,
  link        BLOB    NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS links_by_position ON links (position);
CREATE TABLE IF NOT EXISTS checkpoints (
  seq         INTEGER PRIMARY KEY,
  position    INTEGER NOT NULL,
  link        TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  signed_at   TEXT    NOT NULL,
  key_id      TEXT    NOT NULL,
  signature   TEXT    NOT NULL
) STRICT;
`;

interface LinkRow {
  seq: number;
  position: number;
  recorded_at: string;
  link: Buffer;
}
interface CheckpointRow {
  seq: number;
  position: number;
  link: string;
  recorded_at: string;
  signed_at: string;
  key_id: string;
  signature: string;
}

const toLink = (row: LinkRow): ChainLink => ({
  seq: row.seq,
  position: row.position,
  recordedAt: row.recorded_at,
  link: row.link.toString('hex'),
});
const toCheckpoint = (row: CheckpointRow): SignedCheckpoint => ({
  seq: row.seq,
  position: row.position,
  link: row.link,
  recordedAt: row.recorded_at,
  signedAt: row.signed_at,
  keyId: row.key_id,
  signature: row.signature,
});

/**
 * The notary's links and checkpoints in one small SQLite file of the data directory (`notary.sqlite`): about
 * 70 bytes per event. WAL with synchronous=NORMAL: a link lost in a power cut is simply made again from the log
 * at the next start, from the head that survived.
 */
export class SqliteNotaryStore implements NotaryStore {
  private readonly db: Database.Database;
  private readonly statements;

  /** `readonly`: for a verifier beside the running api (the file must exist). */
  constructor(
    readonly filePath: string,
    options: { readonly?: boolean } = {},
  ) {
    this.db = new Database(filePath, { readonly: options.readonly === true, fileMustExist: options.readonly === true });
    this.db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(DDL);
    }
    this.statements = {
      head: this.db.prepare<[], LinkRow>('SELECT * FROM links ORDER BY seq DESC LIMIT 1'),
      insert: this.db.prepare<[number, number, string, Buffer]>(
        'INSERT OR IGNORE INTO links (seq, position, recorded_at, link) VALUES (?, ?, ?, ?)',
      ),
      from: this.db.prepare<[number, number], LinkRow>('SELECT * FROM links WHERE seq >= ? ORDER BY seq LIMIT ?'),
      atOrBefore: this.db.prepare<[number], LinkRow>(
        'SELECT * FROM links WHERE position <= ? ORDER BY position DESC LIMIT 1',
      ),
      addCheckpoint: this.db.prepare<[number, number, string, string, string, string, string]>(
        'INSERT OR REPLACE INTO checkpoints (seq, position, link, recorded_at, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      checkpoints: this.db.prepare<[], CheckpointRow>('SELECT * FROM checkpoints ORDER BY seq'),
      lastCheckpoint: this.db.prepare<[], CheckpointRow>('SELECT * FROM checkpoints ORDER BY seq DESC LIMIT 1'),
    };
  }

  async head(): Promise<ChainLink | undefined> {
    const row = this.statements.head.get();
    return row && toLink(row);
  }

  async append(links: readonly ChainLink[]): Promise<void> {
    if (links.length === 0) return;
    this.db.transaction(() => {
      for (const link of links)
        this.statements.insert.run(link.seq, link.position, link.recordedAt, Buffer.from(link.link, 'hex'));
    })();
  }

  async linksFrom(fromSeq: number, limit: number): Promise<ChainLink[]> {
    return this.statements.from.all(fromSeq, limit).map(toLink);
  }

  async linkAtOrBefore(position: number): Promise<ChainLink | undefined> {
    const row = this.statements.atOrBefore.get(position);
    return row && toLink(row);
  }

  async addCheckpoint(c: SignedCheckpoint): Promise<void> {
    this.statements.addCheckpoint.run(c.seq, c.position, c.link, c.recordedAt, c.signedAt, c.keyId, c.signature);
  }

  async checkpoints(): Promise<SignedCheckpoint[]> {
    return this.statements.checkpoints.all().map(toCheckpoint);
  }

  async lastCheckpoint(): Promise<SignedCheckpoint | undefined> {
    const row = this.statements.lastCheckpoint.get();
    return row && toCheckpoint(row);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
