import { status, type handleClientStreamingCall, type ServiceError } from '@grpc/grpc-js';
import { ANY, NO_STREAM, STREAM_EXISTS } from './commit-check';
import { recordCall, rpcError, type HandlerContext } from './context';
import type { ProposedEvent, WriteOutcome } from './event-log';
import { faultStatus } from './faults';
import { AppendReq, AppendResp, Empty, parseUuid, streamNameOf } from './wire';

/**
 * Streams.Append, after src/EventStore.Core/Services/Transport/Grpc/Streams.Append.cs (v24.10): the first message
 * carries the options (stream, expected revision), every further one a proposed event; the metadata keys `type`
 * and `content-type` are required; the summed Event.SizeOnDisk (data + metadata + 2 × type length) must stay
 * within MaxAppendSize (1 MiB by default, ClusterVNodeOptions). A wrong expected version is NOT an error status
 * but a successful AppendResp with `wrong_expected_version` set.
 */

type Failure = Partial<ServiceError>;

function expectedVersionOf(options: AppendReq.Options): bigint | undefined {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return BigInt(options.getRevision());
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return NO_STREAM;
    case AppendReq.Options.ExpectedStreamRevisionCase.ANY:
      return ANY;
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return STREAM_EXISTS;
    default:
      return undefined;
  }
}

function proposedOf(message: AppendReq.ProposedMessage): ProposedEvent | Failure {
  const map = message.getMetadataMap();
  const type = map.get('type');
  const contentType = map.get('content-type');
  const id = parseUuid(message.getId());
  if (type === undefined || contentType === undefined) {
    return rpcError(
      status.INVALID_ARGUMENT,
      `Required Metadata Property '${type === undefined ? 'type' : 'content-type'}' is missing`,
      {
        exception: 'missing-required-metadata-property',
        'required-metadata-properties': 'type,content-type',
      },
    );
  }
  if (id === undefined || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(id))
    return rpcError(status.INVALID_ARGUMENT, 'Empty eventId provided.');
  if (type.length === 0) return rpcError(status.INVALID_ARGUMENT, 'Empty eventType provided.');
  return {
    id,
    type,
    isJson: contentType === 'application/json',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** AppendResp for a completed write: Streams.Append.cs HandleWriteEventsCompleted. */
export function appendResp(outcome: WriteOutcome, request: AppendReq.Options): AppendResp {
  const response = new AppendResp();
  if (outcome.kind !== 'wrong-expected-version') {
    const success = new AppendResp.Success();
    if (outcome.lastEventNumber === -1n) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.lastEventNumber.toString());
    // WriteEvents answers CommitPosition for both halves: the log position of the last prepare written.
    const position = outcome.position.toString();
    success.setPosition(new AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
    return response.setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  switch (request.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.ANY:
      wrong.setExpectedAny(new Empty()).setAny2060(new Empty());
      break;
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      wrong.setExpectedStreamExists(new Empty()).setStreamExists2060(new Empty());
      break;
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      // The server also sets expected_revision_2060 = ulong.MaxValue, which a JS number cannot carry: left out.
      wrong.setExpectedNoStream(new Empty());
      break;
    default:
      wrong.setExpectedRevision(request.getRevision()).setExpectedRevision2060(Number(request.getRevision()));
  }
  if (outcome.currentVersion === -1n) wrong.setCurrentNoStream(new Empty()).setNoStream2060(new Empty());
  else
    wrong.setCurrentRevision(outcome.currentVersion.toString()).setCurrentRevision2060(Number(outcome.currentVersion));
  return response.setWrongExpectedVersion(wrong);
}

export function appendHandler(context: HandlerContext): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let failure: Failure | undefined;
    let size = 0;
    call.on('data', (message: AppendReq) => {
      if (failure) return;
      if (options === undefined) {
        if (!message.hasOptions())
          failure = rpcError(status.UNKNOWN, 'Operation is not valid due to the current state of the object.');
        options = message.getOptions();
        return;
      }
      const proposed = message.getProposedMessage();
      const event =
        proposed === undefined
          ? rpcError(status.UNKNOWN, 'Operation is not valid due to the current state of the object.')
          : proposedOf(proposed);
      if (!('id' in event)) {
        failure = event;
        return;
      }
      size += event.data.length + event.metadata.length + 2 * event.type.length;
      if (size > context.maxAppendSize) {
        failure = rpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${context.maxAppendSize} Exceeded.`, {
          exception: 'maximum-append-size-exceeded',
          'maximum-append-size': String(context.maxAppendSize),
        });
      }
      events.push(event);
    });
    call.on('error', () => undefined); // the client went away: nothing to answer
    call.on('end', () => {
      const streamName = streamNameOf(options?.getStreamIdentifier());
      recordCall(context, call, 'append', streamName);
      if (failure || options === undefined) return callback(failure ?? rpcError(status.UNKNOWN, 'No options'));
      const expected = expectedVersionOf(options);
      if (expected === undefined)
        return callback(
          rpcError(status.INVALID_ARGUMENT, `Invalid argument: ${options.getExpectedStreamRevisionCase()}`),
        );
      const fault = context.faults.take('append');
      if (fault?.kind === 'hang') return; // never answered: the client's deadline ends it
      if (fault?.kind === 'drop') return void context.front.resetByPeer(call.getPeer());
      const faultAnswer = fault ? faultStatus(fault) : undefined;
      if (faultAnswer) return callback(faultAnswer);
      const outcome = context.log.write(streamName, expected, events);
      if (outcome.kind === 'written' && events.length > 0) context.afterWrite();
      if (fault?.kind === 'drop-after-persist') {
        context.front.resetByPeer(call.getPeer());
        return;
      }
      callback(null, appendResp(outcome, options));
    });
  };
}
