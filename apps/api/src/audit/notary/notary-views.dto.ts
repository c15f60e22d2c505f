import { ApiSchema } from '@nestjs/swagger';
import { Bool, DateTimeStr, Enum, Int, List, Obj, Str } from '../../shared/openapi/view-properties';

/** The answers of the notary's routes (ADR 0008), as @itp/event-store/notary gives them. */

const HEX_LINK = 'Hex SHA-256';
const CHECKPOINT_SOURCES = ['notary', 'exported'] as const;

/** Where the global chain stands at an event: its sequence number, its position and its link. */
@ApiSchema({ name: 'ChainAnchor' })
export class ChainAnchorView {
  @Int({ minimum: 0, description: 'Events of the global chain up to here' })
  seq!: number;

  @Int({ minimum: 0, description: 'Global position of that event (0: the genesis)' })
  position!: number;

  @Str({ description: `The global chain link there (${HEX_LINK})` })
  link!: string;
}

/** The first event of a stream whose own hash chain does not hold. */
@ApiSchema({ name: 'StreamChainBreak' })
export class StreamChainBreakView {
  @Str()
  streamId!: string;

  @Int({ minimum: 0 })
  revision!: number;

  @Int({ minimum: 0 })
  position!: number;

  @Str()
  reason!: string;
}

/** Where an event stands in the global chain: its sequence number and its position. Not a schema of its own. */
export abstract class ChainPlaceView {
  @Int({ minimum: 0 })
  seq!: number;

  @Int({ minimum: 0 })
  position!: number;
}

/** A checkpoint's place in the global chain, and when it was signed. Not a schema of its own. */
export abstract class SignedPlaceView extends ChainPlaceView {
  @DateTimeStr()
  signedAt!: string;
}

/** The first place where the log differs from the links the notary recorded. */
@ApiSchema({ name: 'GlobalChainBreak' })
export class GlobalChainBreakView extends ChainPlaceView {
  @Str()
  reason!: string;
}

/** The first signed checkpoint the log no longer matches (or whose signature does not hold). */
@ApiSchema({ name: 'CheckpointBreak' })
export class CheckpointBreakView extends SignedPlaceView {
  @Enum(CHECKPOINT_SOURCES, { description: "'notary': kept by this api; 'exported': posted back by the client" })
  source!: 'notary' | 'exported';

  @Str()
  reason!: string;
}

/** The last signed checkpoint the log still matches. */
@ApiSchema({ name: 'HoldingCheckpoint' })
export class HoldingCheckpointView extends SignedPlaceView {
  @Enum(CHECKPOINT_SOURCES)
  source!: 'notary' | 'exported';
}

@ApiSchema({ name: 'LogVerificationStreams' })
export class LogVerificationStreamsView {
  @Int({ minimum: 0, description: 'Streams whose chain was checked' })
  checked!: number;

  @Int({ minimum: 0, description: 'Streams whose chain does not hold' })
  broken!: number;

  @Obj(() => StreamChainBreakView, { required: false })
  firstBreak?: StreamChainBreakView;
}

@ApiSchema({ name: 'LogVerificationGlobalChain' })
export class LogVerificationGlobalChainView {
  @Int({ minimum: 0, description: 'Events whose global link the notary recorded' })
  notarised!: number;

  @Int({ minimum: 0, description: 'Events read that the notary has not linked yet' })
  unnotarised!: number;

  @Obj(() => GlobalChainBreakView, { required: false })
  firstBreak?: GlobalChainBreakView;
}

@ApiSchema({ name: 'LogVerificationCheckpoints' })
export class LogVerificationCheckpointsView {
  @Int({ minimum: 0, description: 'Signed checkpoints checked (kept by the notary, and exported ones)' })
  checked!: number;

  @Int({ minimum: 0, description: 'Those the log still matches, with a valid signature' })
  holding!: number;

  @Obj(() => HoldingCheckpointView, { required: false })
  lastHolding?: HoldingCheckpointView;

  @Obj(() => CheckpointBreakView, { required: false })
  firstBreak?: CheckpointBreakView;
}

/** The verification of the log: every stream's chain, the global chain, the signed checkpoints. */
@ApiSchema({ name: 'LogVerification' })
export class LogVerificationView {
  @Bool()
  valid!: boolean;

  @DateTimeStr()
  checkedAt!: string;

  @Enum(['whole', 'range'], {
    description: "'whole': from the first event; 'range': from an anchor (a checkpoint, or a rebuild's batch)",
  })
  scope!: 'whole' | 'range';

  @Int({ minimum: 0 })
  fromPosition!: number;

  @Int({ minimum: 0, description: 'Position of the last event read' })
  throughPosition!: number;

  @Int({ minimum: 0, description: 'Events read' })
  events!: number;

  @Obj(() => ChainAnchorView, { description: 'The global chain as recomputed from the log at its last event read' })
  head!: ChainAnchorView;

  @Obj(() => LogVerificationStreamsView)
  streams!: LogVerificationStreamsView;

  @Obj(() => LogVerificationGlobalChainView)
  globalChain!: LogVerificationGlobalChainView;

  @Obj(() => LogVerificationCheckpointsView)
  checkpoints!: LogVerificationCheckpointsView;

  @Str({
    required: false,
    description: 'One sentence naming the first break (stream and revision, or position), when there is one',
  })
  firstBreak?: string;
}

/** One signed checkpoint of the global chain. */
@ApiSchema({ name: 'SignedCheckpoint' })
export class SignedCheckpointView {
  @Int({ minimum: 1, description: 'How many events of the log it covers' })
  seq!: number;

  @Int({ minimum: 1, description: 'Global position of the last event it covers' })
  position!: number;

  @Str({ description: `The global chain link of that event (${HEX_LINK})` })
  link!: string;

  @DateTimeStr()
  recordedAt!: string;

  @DateTimeStr()
  signedAt!: string;

  @Str({ description: 'Id of the signing key (first 16 hex digits of the SHA-256 of its public key)' })
  keyId!: string;

  @Str({ description: 'Ed25519 signature, base64' })
  signature!: string;
}

/** The public key that verifies the signed checkpoints. */
@ApiSchema({ name: 'SigningKey' })
export class SigningKeyView {
  @Enum(['Ed25519'])
  algorithm!: 'Ed25519';

  @Str({ description: 'First 16 hex digits of the SHA-256 of the public key' })
  keyId!: string;

  @Str({ description: 'The public key, SPKI PEM' })
  publicKey!: string;
}

/** Every signed checkpoint, with the public key that verifies them: post it back to /audit/verification. */
@ApiSchema({ name: 'CheckpointExport' })
export class CheckpointExportView extends SigningKeyView {
  @List(() => SignedCheckpointView)
  checkpoints!: SignedCheckpointView[];
}

/** The checkpoint signed on request. */
@ApiSchema({ name: 'CheckpointSigned' })
export class CheckpointSignedView {
  @Obj(() => SignedCheckpointView, {
    nullable: true,
    description: 'null when there was nothing new to sign (the head is already checkpointed, or the log is empty)',
  })
  checkpoint!: SignedCheckpointView | null;
}
