/**
 * The protocol as the client itself ships it: the `*_grpc_pb` service definitions and `*_pb` message classes of
 * @eventstore/db-client. Importing the very same module copies is what makes the generated serializers'
 * `instanceof` checks pass on both ends, so the unmodified client can talk to this stand-in.
 */
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './event-log';

export {
  AppendReq,
  AppendResp,
  Empty,
  ReadReq,
  ReadResp,
  ServerFeaturesService,
  StreamsService,
  SupportedMethod,
  SupportedMethods,
};

const U64 = 64;

/** Stream names travel as bytes (shared.proto StreamIdentifier). */
export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return identifier === undefined ? '' : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

export function streamIdentifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));
}

/**
 * A UUID in either form of shared.proto: the string form, or the structured form whose two halves are
 * signed 64-bit integers (as .NET's `Uuid.ToDto` writes them, src/EventStore.Core/Services/Transport/Grpc/Uuid.cs).
 */
export function parseUuid(uuid: UUID | undefined): string | undefined {
  if (uuid === undefined) return undefined;
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  const structured = uuid.getStructured();
  if (structured === undefined) return undefined;
  const bytes = Buffer.alloc(16);
  bytes.writeBigUInt64BE(BigInt.asUintN(U64, BigInt(structured.getMostSignificantBits())), 0);
  bytes.writeBigUInt64BE(BigInt.asUintN(U64, BigInt(structured.getLeastSignificantBits())), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function formatUuid(id: string, asString: boolean): UUID {
  const uuid = new UUID();
  if (asString) return uuid.setString(id);
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  const structured = new UUID.Structured()
    .setMostSignificantBits(BigInt.asIntN(U64, bytes.readBigUInt64BE(0)).toString())
    .setLeastSignificantBits(BigInt.asIntN(U64, bytes.readBigUInt64BE(8)).toString());
  return uuid.setStructured(structured);
}

/**
 * One event as Streams.Read answers it: src/EventStore.Core/Services/Transport/Grpc/Streams.Read.cs
 * (ConvertToRecordedEvent / ConvertToReadEvent): type, `created` (100 ns ticks since the Unix epoch) and content
 * type in the metadata map, data and custom metadata as bytes, the record's own position as commit = prepare,
 * and the ReadEvent's commit_position (its original position; stream reads carry it too since 22.6).
 */
export function readEventResp(event: StoredEvent, uuidAsString: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(formatUuid(event.id, uuidAsString))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  const map = recorded.getMetadataMap();
  map.set('type', event.type);
  map.set('created', event.created.toString());
  map.set('content-type', event.isJson ? 'application/json' : 'application/octet-stream');
  const readEvent = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.toString());
  return new ReadResp().setEvent(readEvent);
}

/** A checkpoint carries whatever TFPos the server holds, converted by Position.FromInt64 (-1 becomes ulong max). */
export function checkpointResp(commit: bigint, prepare: bigint): ReadResp {
  const toU64 = (value: bigint): string => (value < 0n ? ((1n << 64n) - 1n).toString() : value.toString());
  return new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint().setCommitPosition(toU64(commit)).setPreparePosition(toU64(prepare)),
  );
}

export const caughtUpResp = (): ReadResp => new ReadResp().setCaughtUp(new ReadResp.CaughtUp());

export const confirmationResp = (subscriptionId: string): ReadResp =>
  new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));

export const streamNotFoundResp = (streamId: string): ReadResp =>
  new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId)));

/**
 * What ServerFeatures.GetSupportedMethods answers (src/EventStore.Core/Services/Transport/Grpc/ServerFeatures.cs):
 * lower-cased service and method names, Streams.Read with the features "position" and "events". Only the
 * methods this stand-in implements are listed: BatchAppend is NOT, since a client that sees it uses it for
 * every append.
 */
export function supportedMethods(version: string): SupportedMethods {
  const method = (service: string, name: string, features: string[] = []): SupportedMethod =>
    new SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
  return new SupportedMethods()
    .setEventStoreServerVersion(version)
    .setMethodsList([
      method('event_store.client.streams.streams', 'read', ['position', 'events']),
      method('event_store.client.streams.streams', 'append'),
      method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
    ]);
}
