import type Database from 'better-sqlite3';

// One table for all collections: dropping or switching a collection is then a plain row operation inside the
// same transaction as everything else, and no DDL runs while readers are open.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS read_documents (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    position INTEGER NOT NULL,
    body TEXT NOT NULL,
    series TEXT,
    PRIMARY KEY (collection, id)
  );
  CREATE TABLE IF NOT EXISTS read_checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS read_aliases (alias TEXT PRIMARY KEY, target TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS read_aliases_by_target ON read_aliases (target);
`;

/** Prepared once: the projection benchmark pushes about a million events through these. */
export const prepareStatements = (db: Database.Database) => {
  db.exec(SCHEMA);
  // A read store written before the series had a column of their own: its rows keep whole bodies (series null),
  // read as before; rows written from now on keep their series apart (stored-series.ts).
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(read_documents)').all();
  if (!columns.some((column) => column.name === 'series'))
    try {
      db.exec('ALTER TABLE read_documents ADD COLUMN series TEXT');
    } catch (error) {
      // Another process (the projector, the CLI) opening the same old file added it first.
      if (!/duplicate column name/i.test(String(error))) throw error;
    }
  return {
    // The WHERE on DO UPDATE is the replay guard: an equal or older position leaves the stored row alone.
    upsert: db.prepare<[string, string, number, string, string | null]>(`
      INSERT INTO read_documents (collection, id, position, body, series) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (collection, id) DO UPDATE SET position = excluded.position, body = excluded.body,
        series = excluded.series
      WHERE excluded.position > read_documents.position`),
    remove: db.prepare<[string, string, number]>(
      'DELETE FROM read_documents WHERE collection = ? AND id = ? AND position <= ?',
    ),
    getOne: db.prepare<[string, string], { body: string; series: string | null }>(
      'SELECT body, series FROM read_documents WHERE collection = ? AND id = ?',
    ),
    // In primary key order (the DocumentCache keeps and searches collections by _id). Without the series: `lazy`
    // says whether a row has them apart (SQLite answers IS NOT NULL from the record header, not their pages).
    scan: db.prepare<[string], StoredRow>(
      'SELECT id, position, body, series IS NOT NULL AS lazy FROM read_documents WHERE collection = ? ORDER BY id',
    ),
    scanPage: db.prepare<[string, string, number], StoredRow>(
      'SELECT id, position, body, series IS NOT NULL AS lazy FROM read_documents WHERE collection = ? AND id > ? ORDER BY id LIMIT ?',
    ),
    // The series of one version of a document: none when the row has moved on since (another process wrote it).
    getSeries: db.prepare<[string, string, number], { series: string | null }>(
      'SELECT series FROM read_documents WHERE collection = ? AND id = ? AND position = ?',
    ),
    aliasTargets: db.prepare<[], { target: string }>('SELECT DISTINCT target FROM read_aliases ORDER BY target'),
    countAll: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM read_documents WHERE collection = ?'),
    dropDocuments: db.prepare<[string]>('DELETE FROM read_documents WHERE collection = ?'),
    listCollections: db.prepare<[], { collection: string }>(
      'SELECT DISTINCT collection FROM read_documents ORDER BY collection',
    ),
    // Checkpoints only move forward inside a batch; a replayed older batch must not pull one back.
    advanceCheckpoint: db.prepare<[string, number]>(`
      INSERT INTO read_checkpoints (projection, position) VALUES (?, ?)
      ON CONFLICT (projection) DO UPDATE SET position = max(position, excluded.position)`),
    setCheckpoint: db.prepare<[string, number]>(`
      INSERT INTO read_checkpoints (projection, position) VALUES (?, ?)
      ON CONFLICT (projection) DO UPDATE SET position = excluded.position`),
    getCheckpoint: db.prepare<[string], { position: number }>(
      'SELECT position FROM read_checkpoints WHERE projection = ?',
    ),
    deleteCheckpoint: db.prepare<[string]>('DELETE FROM read_checkpoints WHERE projection = ?'),
    getAlias: db.prepare<[string], { target: string }>('SELECT target FROM read_aliases WHERE alias = ?'),
    aliasesOf: db.prepare<[string], { alias: string }>(
      'SELECT alias FROM read_aliases WHERE target = ? ORDER BY alias',
    ),
    setAlias: db.prepare<[string, string]>(`
      INSERT INTO read_aliases (alias, target) VALUES (?, ?)
      ON CONFLICT (alias) DO UPDATE SET target = excluded.target`),
    removeAlias: db.prepare<[string]>('DELETE FROM read_aliases WHERE alias = ?'),
  };
};

export type SqliteStatements = ReturnType<typeof prepareStatements>;

/** A row as a scan reads it: its body, and whether its series are kept apart (1) or in the body (0). */
export interface StoredRow {
  id: string;
  position: number;
  body: string;
  lazy: number;
}
