import { verifyChain, type ChainVerification, type RecordedEvent } from '@itp/event-store';
import { evolveProject, initialProjectState, PROJECT_EVENTS, projectStreamId, type Project } from '@itp/domain';
import { auditEvent } from '../../../api/src/shared/queries/audit-event';
import { parseInstant } from '../shared/bounds';
import { EXIT, usageError, type ExitCode } from '../shared/cli-errors';
import { count, println, shanghaiMinute } from '../shared/output';
import { cliConfig, eventStoreName, openEventStoreForReading, withStore } from '../shared/stores';
import { cityName, describeStoredEvent } from './timeline';

export interface HistoryOptions {
  asOf?: string;
  format: string;
}

/**
 * `itp history <project id>`: the project's stream read from the event store itself (as GET
 * /projects/{id}/history does), as a timeline people can read, with the chain verified from revision 0 at the end.
 * `--as-of` cuts it at a recorded instant (a prefix of the stream, which verifies on its own). Exit 1 when the
 * chain is broken. Read-only: safe while the api runs.
 */
export async function historyCommand(projectId: string, options: HistoryOptions): Promise<ExitCode> {
  if (!['text', 'json'].includes(options.format)) throw usageError('--format must be text or json');
  const asOf = options.asOf === undefined ? null : parseInstant('--as-of', options.asOf);
  const config = cliConfig();
  const streamId = projectStreamId(projectId);
  const stream = await withStore(openEventStoreForReading(config), (store) => store.readStream(streamId));
  if (stream.length === 0)
    throw usageError(`There is no project ${projectId} (no stream ${streamId}) in ${eventStoreName(config)}.`);
  const cut = asOf === null ? -1 : stream.findIndex((event) => event.recordedAt > asOf);
  const events = cut === -1 ? stream : stream.slice(0, cut);
  const chain = verifyChain(events);
  if (options.format === 'json')
    println(JSON.stringify({ projectId, streamId, asOf, events: events.map(auditEvent), chain }, null, 2));
  else printTimeline(projectId, streamId, asOf, stream.length, events, chain);
  return chain.valid ? EXIT.ok : EXIT.failed;
}

function printTimeline(
  projectId: string,
  streamId: string,
  asOf: string | null,
  total: number,
  events: readonly RecordedEvent[],
  chain: ChainVerification,
): void {
  const project = folded(events);
  println(
    project === null
      ? `Project ${projectId}`
      : `Project ${projectId}: "${project.details.name}", ${cityName(project.details.city)}, ${project.status} at ${project.stage}`,
  );
  println(
    asOf === null
      ? `Stream ${streamId}: ${count(events.length)} events`
      : `Stream ${streamId} as of ${asOf} (recorded time): ${count(events.length)} of ${count(total)} events`,
  );
  println();
  println(`${'recorded (UTC+8)'.padEnd(17)} ${'rev'.padStart(4)}  ${'type'.padEnd(31)} actor, unit`);
  for (const event of events) {
    println(
      `${shanghaiMinute(event.recordedAt).padEnd(17)} ${String(event.revision).padStart(4)}  ${event.type.padEnd(31)} ${event.metadata.actor}, ${event.metadata.unit}`,
    );
    println(`${' '.repeat(24)}${describeStoredEvent(event)}`);
  }
  println();
  if (chain.valid)
    println(
      events.length === 0
        ? 'Hash chain: nothing recorded by then'
        : `Hash chain: holds over revisions 0 to ${events.length - 1} (last hash ${chain.lastHash})`,
    );
  else
    println(
      `Hash chain: BROKEN at revision ${chain.brokenAt.revision} (event ${chain.brokenAt.eventId}): ${chain.brokenAt.reason}`,
    );
}

/** The project as the events shown leave it, when they can be folded (a tampered stream may not). */
function folded(events: readonly RecordedEvent[]): Extract<Project, { details: unknown }> | null {
  try {
    const state = events.reduce(
      (project, event) => evolveProject(project, PROJECT_EVENTS.decode(event)),
      initialProjectState(),
    );
    return state.status === 'absent' ? null : state;
  } catch {
    return null;
  }
}
