import { sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { SigningKey } from './signing-key';

/**
 * A signed statement of where the global chain stood: "the log's first `seq` events end at `position`, recorded
 * at `recordedAt`, and chain to `link`". Without the private key nobody can sign another, so a log rewritten and
 * rechained (per-stream hashes and global links recomputed) no longer matches the checkpoints signed before.
 */
export interface SignedCheckpoint {
  seq: number;
  position: number;
  link: string;
  recordedAt: string;
  signedAt: string;
  keyId: string;
  /** Ed25519 over the canonical JSON of the other fields, base64. */
  signature: string;
}

export type CheckpointHead = Pick<SignedCheckpoint, 'seq' | 'position' | 'link' | 'recordedAt'>;

const signedBytes = (checkpoint: Omit<SignedCheckpoint, 'signature'>): Buffer =>
  Buffer.from(
    `itp-checkpoint-v1\n${canonicalize({
      seq: checkpoint.seq,
      position: checkpoint.position,
      link: checkpoint.link,
      recordedAt: checkpoint.recordedAt,
      signedAt: checkpoint.signedAt,
      keyId: checkpoint.keyId,
    })}`,
    'utf8',
  );

export function signCheckpoint(head: CheckpointHead, key: SigningKey, signedAt: Date): SignedCheckpoint {
  const unsigned = { ...head, signedAt: signedAt.toISOString(), keyId: key.keyId };
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), key.privateKey).toString('base64') };
}

/** Why the checkpoint's signature does not hold for `publicKey` (named `keyId`), or undefined when it does. */
export function checkpointSignatureProblem(
  checkpoint: SignedCheckpoint,
  publicKey: KeyObject,
  keyId: string,
): string | undefined {
  if (checkpoint.keyId !== keyId) return `signed by key ${checkpoint.keyId}, not by the trusted key ${keyId}`;
  try {
    const { signature, ...unsigned } = checkpoint;
    return verify(null, signedBytes(unsigned), publicKey, Buffer.from(signature, 'base64'))
      ? undefined
      : 'the signature does not match the checkpoint';
  } catch {
    return 'the signature is malformed';
  }
}

/** What `GET /api/v1/audit/checkpoints` answers and a verification takes back: keep a copy elsewhere. */
export interface CheckpointExport {
  algorithm: 'Ed25519';
  keyId: string;
  publicKey: string;
  checkpoints: SignedCheckpoint[];
}
