/**
 * The writer killed by sqlite-kill9.int.spec.ts: keeps `inFlight` appends in flight on one SqliteEventStore
 * until it is killed, and writes one line to stdout (a single write(2), atomic on a pipe) per step:
 *   B <key> <streamId> <count>     just before the append is made (so the parent knows of every attempt);
 *                                  the ids are kill9EventId(key, 0..count-1)
 *   A <key> <revision> <position>  as soon as it is acknowledged
 * Appends carry 1 to 3 events, to streams of this run and to one stream shared by every run.
 *   node --import tsx sqlite-kill9.child.ts <file> <run label> <in flight>
 */
import { writeSync } from 'node:fs';
import { SqliteEventStore } from './sqlite-event-store';
import { kill9EventId } from './sqlite-kill9.ids';

const [filePath, run, inFlight] = process.argv.slice(2);
const store = new SqliteEventStore({ filePath });
/** One write(2) per line (atomic on a pipe below PIPE_BUF); a full pipe (EAGAIN) is waited out, not a failure. */
function line(text: string): void {
  const bytes = Buffer.from(`${text}\n`);
  for (let written = 0; written < bytes.length;) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}
let counter = 0;

async function appender(): Promise<never> {
  for (;;) {
    const number = counter++;
    const key = `${run}-${number}`;
    const streamId = number % 5 === 0 ? 'kill9-shared' : `kill9-${run}-${number % 23}`;
    const events = Array.from({ length: 1 + (number % 3) }, (_, index) => ({
      id: kill9EventId(key, index),
      type: `Kill9Event${index}`,
      data: { key, index, padding: 'x'.repeat(200) },
      metadata: { actor: 'kill9', role: 'test', unit: 'test', commandId: key, correlationId: key, causationId: key },
    }));
    line(`B ${key} ${streamId} ${events.length}`);
    const result = await store.appendToStream(streamId, events, { expectedRevision: 'any' });
    line(`A ${key} ${result.nextExpectedRevision} ${result.position}`);
  }
}

line('READY');
for (let slot = 0; slot < Number(inFlight); slot += 1) {
  appender().catch((error: unknown) => {
    process.stderr.write(`append failed: ${String(error)}\n`);
    process.exit(3);
  });
}
