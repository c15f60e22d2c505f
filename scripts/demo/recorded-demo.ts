import type { Writable } from 'node:stream';
import type { RecordedEvent } from '@itp/event-store';
import { writeExport, type ExportSummary } from '@itp/event-store/export';
import type { Send } from './client';
import { loadDemoData } from './loader';

/**
 * The 2014 demo as it would have been recorded during 2014: the demo story (scripts/demo/data) sent through the
 * real api, in process, with the api's clock set to each command's day, and exported with each event's recorded
 * time. `npm run demo` loads the same story in seconds, so every recorded time there is "now"; here the
 * quarterly bulletin "as sent on 5 July 2014" is a real question.
 */

/** An api running in this process (the real application: validation, deciders, hash chain, SQLite log). */
export interface InProcessApi {
  /** Sends one request, authenticated with an admin key. */
  send: Send;
  /** Sets the instant the api's clock reads: its "today" for business dates, the recorded time of what it appends. */
  setNow(instant: Date): void;
  /** Its event log in position order. */
  readAll(): AsyncIterable<RecordedEvent>;
}

const MINUTE = 60_000;

/** A small deterministic hash (FNV-1a), so that the same story gives the same times, run after run. */
const fnv = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
};

/**
 * When the n-th command (from 0) of a day was recorded: from 09:00 in Hunan (UTC+8), 4 to 13 minutes after the one
 * before, at a whole second; a day's commands stay within its working hours.
 */
export function recordedInstant(day: string, n: number): Date {
  let at = Date.parse(`${day}T09:00:00+08:00`) + (fnv(`${day}#start`) % 20) * MINUTE;
  for (let i = 1; i <= n; i++) at += (4 + (fnv(`${day}#${i}`) % 10)) * MINUTE;
  at += (fnv(`${day}#${n}#s`) % 60) * 1000;
  if (at > Date.parse(`${day}T21:00:00+08:00`))
    throw new Error(`demo: too many commands on ${day} to fit a working day`);
  return new Date(at);
}

/**
 * Loads the story into `api` in recorded order, each command at its instant, then writes the api's log as an
 * export file (the same lines as `itp export`) in which every event carries the instant its command was recorded.
 * The store of an in-process api stamps its own wall-clock time, which the hash chain does not cover (ADR 0003):
 * the instants are set from the clock each command ran under, so the file is what a store whose clock read those
 * instants would export, to the byte.
 */
export async function recordDemoYear(api: InProcessApi, output: Writable): Promise<ExportSummary & { days: number }> {
  const instants: string[] = [];
  let now = new Date(0);
  let day = '';
  let nth = 0;
  let days = 0;
  const send: Send = async (request) => {
    const response = await api.send(request);
    const position = (response.body as { position?: unknown } | undefined)?.position;
    // The events a command appended are those after the previous command's: commands run one at a time.
    if (typeof position === 'number') while (instants.length < position) instants.push(now.toISOString());
    return response;
  };
  await loadDemoData(send, {
    order: 'as-recorded',
    beforeCommand: (commandDay) => {
      if (commandDay !== day) [day, nth, days] = [commandDay, 0, days + 1];
      now = recordedInstant(day, nth++);
      api.setNow(now);
    },
  });
  const summary = await writeExport(withRecordedTimes(api.readAll(), instants), output);
  return { ...summary, days };
}

async function* withRecordedTimes(events: AsyncIterable<RecordedEvent>, instants: readonly string[]) {
  let previous = '';
  for await (const event of events) {
    const recordedAt = instants[event.position - 1];
    if (recordedAt === undefined) throw new Error(`demo: no command recorded the event at position ${event.position}`);
    if (recordedAt < previous) throw new Error(`demo: recorded times go back at position ${event.position}`);
    previous = recordedAt;
    yield { ...event, recordedAt };
  }
}
