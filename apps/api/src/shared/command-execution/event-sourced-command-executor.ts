import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as pause } from 'node:timers/promises';
import { v5 as uuidv5 } from 'uuid';
import {
  EventStoreUnavailableError,
  chainMetadata,
  EVENT_STORE,
  GENESIS_HASH,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
} from '@itp/event-store';
import { SCHEMA_VERSION_KEY, type Decider, type EventCatalogue } from '@itp/domain';
import type { CommandContext, CommandResult } from './command-context';
import { ConcurrencyExhaustedError, IdempotencyKeyReusedError, StaleRevisionError } from './command-errors';
import { assertStreamDidNotShrink } from './stream-integrity';
import { StreamLocks } from './stream-locks';
import { foldOnto, StreamStateCache, type FoldedStream } from './stream-state-cache';

type AnyEvent = { readonly type: string; readonly data: Record<string, unknown> };

/** One command on one aggregate: what the executor reads, decides with and appends to. */
export interface AggregateCommand<C, E extends AnyEvent, S, Ctx> {
  /** The aggregate id answered to the client. */
  id: string;
  streamId: string;
  decider: Decider<C, E, S, Ctx>;
  /** The aggregate's event catalogue: decodes (and upcasts) its stored events, versions new ones. */
  events: EventCatalogue<E>;
  command: C;
  /** What the decision needs from other streams, read by the handler before the stream's turn. */
  decideContext: Ctx;
  context: CommandContext;
  /** A pure check of the caller's rights on the folded state (city scope); throws to refuse. */
  authorize?: (state: S) => void;
}

const EVENT_ID_NAMESPACE = '8a1d6f0e-3c2b-5e4f-9a7b-1c2d3e4f5a6b';
const MAX_ATTEMPTS = 8;
/** How long an append whose outcome is unknown (connection lost) is sent again before answering 503. */
const UNKNOWN_OUTCOME_BUDGET_MS = 5_000;
/** The first conflict retry waits up to this long; each further one up to twice as long. */
const CONFLICT_BACKOFF_MS = 4;

/**
 * The four steps of every command: read the stream, fold it, decide, append with the expected revision.
 * The fold is cached per stream (StreamStateCache), and a command on a cached stream is first decided on the
 * cache alone, without reading the store (decidedOnCache). Commands on one stream take turns within this process;
 * a conflict with another writer is retried on fresh state without If-Match (bounded), and is a 412 with it.
 * A command whose id is already in the stream was applied before: its original result is answered again.
 */
@Injectable()
export class EventSourcedCommandExecutor {
  private readonly locks = new StreamLocks();
  private readonly cache = new StreamStateCache();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute<C, E extends AnyEvent, S, Ctx>(spec: AggregateCommand<C, E, S, Ctx>): Promise<CommandResult> {
    return this.locks.run(spec.streamId, () => this.attempt(spec));
  }

  private async attempt<C, E extends AnyEvent, S, Ctx>(spec: AggregateCommand<C, E, S, Ctx>): Promise<CommandResult> {
    const onCache = await this.decidedOnCache(spec);
    if (onCache !== undefined) return onCache;
    const { streamId } = spec;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const folded = await this.load(spec);
      const replay = this.priorResult(spec, folded);
      if (replay) return replay;

      const decided = this.decideOn(spec, folded);
      if (decided.length === 0) {
        return {
          id: spec.id,
          streamId,
          revision: folded?.revision ?? -1,
          position: folded?.position ?? 0,
          replayed: false,
        };
      }
      const appended = await this.appendDecided(spec, folded, decided);
      if (appended !== undefined) return appended;
      // Only another process can have written (this one takes turns per stream): two writers that retried at
      // once would collide again, so each waits a random moment, longer with every attempt (full jitter).
      if (attempt < MAX_ATTEMPTS) await pause(Math.random() * CONFLICT_BACKOFF_MS * 2 ** (attempt - 1));
    }
    throw new ConcurrencyExhaustedError(streamId, MAX_ATTEMPTS);
  }

  /**
   * The command decided on the cached fold alone, without reading the store: this answers only when the decision
   * appends and the append succeeds, its expected revision being the check that nobody wrote since (the cache is
   * never trusted for more). A refusal, a 412, nothing to do, or a conflict answers undefined, and the command is
   * decided again on a read of the store: no client is ever answered from a stale cache. While this process is the
   * only writer the cache is current, and a command costs no read (with EventStoreDB, no round trip).
   *
   * Only for a command whose id is new (no Idempotency-Key: the id is random). A keyed command may already be
   * stored beyond the cache (its first attempt answered by another process, or lost on the way back), and a store
   * answers a resend of stored event ids with the original result whatever the expected revision: that check
   * would then not hold, and the retry would be taken for a new append decided on a stale state.
   */
  private async decidedOnCache<C, E extends AnyEvent, S, Ctx>(
    spec: AggregateCommand<C, E, S, Ctx>,
  ): Promise<CommandResult | undefined> {
    if (spec.context.idempotencyKey !== undefined) return undefined;
    const cached = this.cache.get<S>(spec.streamId);
    if (cached === undefined) return undefined;
    // A command the stream holds is a fact, cached or read: its original result.
    const replay = this.priorResult(spec, cached);
    if (replay) return replay;
    let decided: E[];
    try {
      decided = this.decideOn(spec, cached);
    } catch {
      return undefined;
    }
    if (decided.length === 0) return undefined;
    return this.appendDecided(spec, cached, decided);
  }

  /** If-Match, the caller's rights and the decision on `folded` (nothing: the stream is new); throws a refusal. */
  private decideOn<C, E extends AnyEvent, S, Ctx>(
    spec: AggregateCommand<C, E, S, Ctx>,
    folded: FoldedStream<S> | undefined,
  ): E[] {
    const revision = folded?.revision ?? -1;
    if (spec.context.ifMatch !== undefined && spec.context.ifMatch !== revision) {
      throw new StaleRevisionError(spec.streamId, spec.context.ifMatch, revision < 0 ? 'no_stream' : revision);
    }
    const state = folded?.state ?? spec.decider.initialState();
    spec.authorize?.(state);
    return spec.decider.decide(spec.command, state, spec.decideContext);
  }

  /** Chains and appends `decided` after `folded`; undefined on a conflict (another writer was first). */
  private async appendDecided<C, E extends AnyEvent, S, Ctx>(
    spec: AggregateCommand<C, E, S, Ctx>,
    folded: FoldedStream<S> | undefined,
    decided: E[],
  ): Promise<CommandResult | undefined> {
    const { streamId, context, decider } = spec;
    const revision = folded?.revision ?? -1;
    const state = folded?.state ?? decider.initialState();
    const toAppend = this.chain(spec, decided, revision, folded?.lastHash ?? GENESIS_HASH);
    try {
      const appended = await this.appendOutcomeKnown(streamId, toAppend, revision < 0 ? 'no_stream' : revision);
      this.cache.set(streamId, {
        revision: appended.nextExpectedRevision,
        position: appended.position,
        lastHash: toAppend.at(-1)!.metadata.hash as string,
        state: decided.reduce(decider.evolve, state),
        commands: new Map(folded?.commands).set(context.commandId, {
          requestHash: context.requestHash,
          revision: appended.nextExpectedRevision,
          position: appended.position,
        }),
      });
      return {
        id: spec.id,
        streamId,
        revision: appended.nextExpectedRevision,
        position: appended.position,
        replayed: false,
      };
    } catch (error) {
      // Whatever went wrong, the stream may have moved on (an append whose outcome stayed unknown may have landed).
      this.cache.forget(streamId);
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Someone else wrote first: the next read decides whether this is a retry, a 412, or a fresh attempt.
      assertStreamDidNotShrink(streamId, revision, error);
      return undefined;
    }
  }

  /** The stream folded to its last stored event: the cached fold plus whatever was appended since (by anyone). */
  private async load<C, E extends AnyEvent, S, Ctx>(
    spec: AggregateCommand<C, E, S, Ctx>,
  ): Promise<FoldedStream<S> | undefined> {
    const cached = this.cache.get<S>(spec.streamId);
    const newer = await this.store.readStream(spec.streamId, { fromRevision: (cached?.revision ?? -1) + 1 });
    try {
      const folded = foldOnto(spec.streamId, cached, spec.decider.initialState, newer, (state, event) =>
        spec.decider.evolve(state, spec.events.decode(event)),
      );
      if (folded !== cached && folded !== undefined) this.cache.set(spec.streamId, folded);
      return folded;
    } catch (error) {
      this.cache.forget(spec.streamId);
      throw error;
    }
  }

  /**
   * An append that failed on the connection may still have been stored (the answer was lost, not the write).
   * It is sent again with the same event ids and expected revision, which the store answers with the original
   * result if the first one landed, or stores now: the outcome becomes known, and is never a duplicate. While
   * the store stays unreachable past the budget, the unavailability goes up (503) with nothing acknowledged.
   */
  private async appendOutcomeKnown(
    streamId: string,
    events: EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const giveUpAt = Date.now() + UNKNOWN_OUTCOME_BUDGET_MS;
    for (let delay = 100; ; delay = Math.min(delay * 2, 1_000)) {
      try {
        return await this.store.appendToStream(streamId, events, { expectedRevision });
      } catch (error) {
        if (!(error instanceof EventStoreUnavailableError) || Date.now() + delay > giveUpAt) throw error;
        await pause(delay);
      }
    }
  }

  private priorResult<C, E extends AnyEvent, S, Ctx>(
    spec: AggregateCommand<C, E, S, Ctx>,
    folded: FoldedStream<S> | undefined,
  ): CommandResult | undefined {
    const prior = folded?.commands.get(spec.context.commandId);
    if (prior === undefined) return undefined;
    if (prior.requestHash !== spec.context.requestHash) throw new IdempotencyKeyReusedError(spec.streamId);
    return { id: spec.id, streamId: spec.streamId, revision: prior.revision, position: prior.position, replayed: true };
  }

  private chain<C, E extends AnyEvent, S, Ctx>(
    spec: AggregateCommand<C, E, S, Ctx>,
    decided: E[],
    lastRevision: number,
    lastHash: string,
  ): EventToAppend[] {
    const { streamId, context } = spec;
    let previousHash = lastHash;
    const { principal } = context;
    return decided.map((event, index) => {
      const revision = lastRevision + 1 + index;
      const base = {
        actor: principal.actor,
        role: principal.role,
        unit: principal.unit,
        commandId: context.commandId,
        correlationId: context.correlationId,
        causationId: context.causationId,
        requestHash: context.requestHash,
        [SCHEMA_VERSION_KEY]: spec.events.schemaVersion(event.type),
      };
      const metadata = chainMetadata(
        { streamId, revision, type: event.type, data: event.data, metadata: base },
        previousHash,
      );
      previousHash = metadata.hash as string;
      // Deterministic ids: the same command retried produces the same event ids, which the store deduplicates.
      return {
        id: uuidv5(`${context.commandId}:${index}`, EVENT_ID_NAMESPACE),
        type: event.type,
        data: event.data,
        metadata,
      };
    });
  }
}
