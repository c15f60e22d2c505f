import { randomUUID } from 'node:crypto';
import type { EventLog } from './event-log';

/**
 * What a real node writes to its own log, so that `$all` holds `$`-streams and `$`-typed events as on a real
 * server and the adapter's filtering is exercised, not assumed. Stream and type names are EventStoreDB's
 * (src/EventStore.Core/Services/SystemNames.cs; UserManagementService.cs for `$UserCreated` / `$User`;
 * MonitoringService.cs for `$statsCollected`). The payloads are shortened stand-ins of the real ones.
 */

type Endpoint = { host: string; port: number };

/**
 * Each node start writes an epoch: a system log record (no event) and an `$epoch-information` event
 * (src/EventStore.Core/Services/Storage/EpochManager/EpochManager.cs). $all reads and subscriptions never show that stream (EventFilter.DefaultAllFilter) but it takes log
 * bytes and counts as "considered" towards checkpoints.
 */
export function writeEpoch(log: EventLog, epochNumber: number, endpoint: Endpoint): void {
  const epoch = { EpochNumber: epochNumber - 1, EpochId: randomUUID(), EpochPosition: log.endPosition.toString() };
  log.writeSystemRecord(Buffer.byteLength(JSON.stringify(epoch)));
  log.writeSystemEvent('$epoch-information', '$epoch-information', {
    ...epoch,
    LeaderInstanceId: randomUUID(),
    PrevEpochPosition: null,
    Endpoint: `${endpoint.host}:${endpoint.port}`,
  });
}

/** The first start of a fresh database: default users and settings, stream metadata, a first stats event. */
export function writeFirstStartEvents(log: EventLog, endpoint: Endpoint): void {
  log.writeSystemEvent('$$$scavenges', '$metadata', { $maxAge: 2592000 });
  log.writeSystemEvent('$$$user-admin', '$metadata', { $acl: { $w: '$admins', $d: '$admins', $mw: '$admins' } });
  log.writeSystemEvent('$user-admin', '$UserCreated', {
    loginName: 'admin',
    fullName: 'Event Store Administrator',
    groups: ['$admins'],
  });
  // Non-JSON on purpose: the $users stream holds plain login names (isJson false).
  log.writeSystemEvent('$users', '$User', 'admin', false);
  log.writeSystemEvent('$settings', '$settings', {
    $userStreamAcl: { $r: '$all', $w: '$all' },
    $systemStreamAcl: { $r: '$admins', $w: '$admins' },
  });
  writeStatsEvent(log, endpoint);
}

/** MonitoringService writes `$statsCollected` to `$stats-<endpoint>` every StatsPeriod (30 s by default). */
export function writeStatsEvent(log: EventLog, endpoint: Endpoint): void {
  log.writeSystemEvent(`$stats-${endpoint.host}:${endpoint.port}`, '$statsCollected', {
    'proc-startTime': new Date().toISOString(),
    'proc-mem': process.memoryUsage().rss,
    'es-writer-lastFlushSize': 0,
  });
}
