import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { EventStoreUnavailableError } from '../event-store.errors';
import type { AppendRequest } from './sqlite-append';
import { MAX_GROUP, GroupCommitter } from './sqlite-group-commit';
import { prepareStatements } from './sqlite-rows';
import { connectionSettings, openEventsDatabase } from './sqlite-schema';
import {
  toWireError,
  toWireReply,
  WRITER_THREAD_ROLE,
  type FromWriter,
  type ToWriter,
  type WriterThreadData,
} from './sqlite-writer-wire';

/**
 * The body of the writer thread (see WorkerThreadWriter): its own connection to the file, one group commit at a
 * time. While a group commits (the fsync), the appends the store sends queue up in this thread's message port;
 * the next turn takes all of them into the next group. Only this thread writes; the store's thread reads.
 */
export function runWriterThread(port: MessagePort, data: WriterThreadData): void {
  const send = (message: FromWriter) => port.postMessage(message);
  let committer: GroupCommitter;
  try {
    const db = openEventsDatabase(data.filePath, { busyTimeoutMs: data.busyTimeoutMs });
    committer = new GroupCommitter(db, prepareStatements(db));
    send({ kind: 'ready', ...connectionSettings(db) });
    port.on('close', () => db.close());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    send({
      kind: 'fatal',
      error: toWireError(
        new EventStoreUnavailableError(`the SQLite writer thread cannot open ${data.filePath}: ${reason}`),
      ),
    });
    port.close();
    return;
  }

  let queue: { id: number; request: AppendRequest }[] = [];
  let scheduled = false;
  const commitNext = () => {
    if (queue.length === 0) return;
    const group = queue.slice(0, MAX_GROUP);
    queue = queue.slice(group.length);
    const replies = committer.commitGroup(group.map((entry) => entry.request));
    send({
      kind: 'replies',
      replies: group.map((entry, index) => toWireReply(entry.id, replies[index])),
      commits: committer.commits,
      appends: committer.appends,
    });
  };
  const flush = () => {
    scheduled = false;
    commitNext();
    if (queue.length > 0) schedule();
  };
  // setImmediate runs after the poll phase, which delivers every message that arrived during the last commit.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  port.on('message', (message: ToWriter) => {
    if (message.kind === 'append') {
      queue.push(...message.appends);
      schedule();
      return;
    }
    // Close: what was handed over before it is committed and answered first (messages arrive in order).
    while (queue.length > 0) commitNext();
    send({ kind: 'closed' });
    port.close();
  });
}

if (!isMainThread && parentPort !== null && (workerData as WriterThreadData | undefined)?.role === WRITER_THREAD_ROLE) {
  runWriterThread(parentPort, workerData as WriterThreadData);
}
