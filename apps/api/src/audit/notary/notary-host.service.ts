import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@itp/event-store';
import {
  loadOrCreateSigningKey,
  Notary,
  SqliteNotaryStore,
  type ChainVerification,
  type SignedCheckpoint,
  type SigningKey,
} from '@itp/event-store/notary';
import { ITP_CONFIG, problem, ProblemException, type ItpConfig } from '@itp/platform';
import { ensurePrivateDir, makeStoreFilesPrivate } from '@itp/platform/data-dir/file-modes';

/** Integrity as /health shows it: the state for anyone, the last verification for admins and auditors. */
export interface IntegrityReport {
  state: 'disabled' | 'starting' | 'verified' | 'violated';
  keyId?: string;
  head?: { seq: number; position: number };
  lastCheckpoint?: { seq: number; position: number; signedAt: string };
  lastVerification?: ChainVerification;
}

/**
 * The api's notary (ADR 0008): opens `notary.sqlite` in the data directory and the signing key outside it (made
 * on first start, its public key printed), verifies since the last signed checkpoint before the api serves, then
 * follows the log; signs a last checkpoint at shutdown (before the event store closes).
 */
@Injectable()
export class NotaryHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Notary');
  private notary: Notary | undefined;
  private store: SqliteNotaryStore | undefined;
  private key: SigningKey | undefined;

  constructor(
    @Inject(ITP_CONFIG) private readonly config: ItpConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  get enabled(): boolean {
    return this.config.notary.enabled;
  }

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.notary;
    if (!settings.enabled) {
      this.logger.warn(
        'ITP_NOTARY=false: no global chain and no signed checkpoints; edits of stored history that recompute the hashes go undetected',
      );
      return;
    }
    const { key, created, warnings } = loadOrCreateSigningKey(settings.signingKeyFile);
    for (const warning of warnings) this.logger.warn(warning);
    this.logger.log(
      `${created ? 'Created the signing key' : 'Signing checkpoints with the key'} in ${settings.signingKeyFile} (key id ${key.keyId}); public key (also in ${settings.signingKeyFile}.pub and at GET /api/v1/audit/signing-key):\n${key.publicKeyPem}`,
    );
    ensurePrivateDir(this.config.dataDir);
    this.store = new SqliteNotaryStore(settings.filePath);
    makeStoreFilesPrivate(settings.filePath);
    this.key = key;
    this.notary = new Notary({
      store: this.eventStore,
      notary: this.store,
      key,
      checkpointEveryEvents: settings.checkpointEveryEvents,
      checkpointIntervalMs: settings.checkpointIntervalMs,
      logger: this.logger,
    });
    const started = Date.now();
    const verification = await this.notary.start();
    this.logger.log(
      `verified since the last signed checkpoint in ${Date.now() - started} ms: ${verification.events} events through position ${verification.throughPosition}, ${verification.valid ? 'intact' : `BROKEN: ${verification.firstBreak}`}`,
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.notary?.stop();
    await this.store?.close();
  }

  signingKey(): SigningKey {
    return this.required() && this.key!;
  }

  async verifyWhole(exported: readonly SignedCheckpoint[] = []): Promise<ChainVerification> {
    return this.required().verifyWhole(exported);
  }

  async checkpoints(): Promise<SignedCheckpoint[]> {
    return this.required().checkpoints();
  }

  async checkpointNow(): Promise<SignedCheckpoint | undefined> {
    return this.required().checkpointNow();
  }

  integrity(): IntegrityReport {
    if (!this.notary) return { state: this.enabled ? 'starting' : 'disabled' };
    const { state, verification, head, lastCheckpoint } = this.notary.integrity();
    return {
      state,
      keyId: this.notary.keyId,
      head: { seq: head.seq, position: head.position },
      ...(lastCheckpoint
        ? {
            lastCheckpoint: {
              seq: lastCheckpoint.seq,
              position: lastCheckpoint.position,
              signedAt: lastCheckpoint.signedAt,
            },
          }
        : {}),
      ...(verification ? { lastVerification: verification } : {}),
    };
  }

  /** ITP_NOTARY=false: there are no links, checkpoints or key to answer with. */
  private required(): Notary {
    if (this.notary) return this.notary;
    throw new ProblemException(
      problem(409, 'notary-disabled', 'Notary not running', {
        detail: 'This api runs with ITP_NOTARY=false: there is no global chain, checkpoint or signing key.',
      }),
    );
  }
}
