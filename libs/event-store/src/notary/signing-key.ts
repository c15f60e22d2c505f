import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The notary's Ed25519 key: the private half signs checkpoints, the public half (exported) verifies them. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key, as exported and printed. */
  publicKeyPem: string;
  /** First 16 hex digits of the SHA-256 of the public key (DER): names the key in every checkpoint. */
  keyId: string;
}

export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

export const publicKeyId = (publicKey: KeyObject): string =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

/** A public key from its PEM (an exported `signing-key.pub`), to verify checkpoints with. */
export function publicKeyFromPem(pem: string): { publicKey: KeyObject; keyId: string } {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(pem);
  } catch {
    throw new SigningKeyError('not a PEM public key');
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError('the public key is not an Ed25519 key');
  return { publicKey, keyId: publicKeyId(publicKey) };
}

const describe = (privateKey: KeyObject): SigningKey => {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError('the signing key is not an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: String(publicKey.export({ type: 'spki', format: 'pem' })),
    keyId: publicKeyId(publicKey),
  };
};

/**
 * Reads the signing key (PKCS#8 PEM) at `filePath`, or creates one there on first start, readable by its owner
 * only, its folder 0700. The public key is written beside it (`<file>.pub`) for export. `warnings` names a key
 * file that others may read.
 */
export function loadOrCreateSigningKey(filePath: string): { key: SigningKey; created: boolean; warnings: string[] } {
  const warnings: string[] = [];
  let created = false;
  let pem: string;
  try {
    pem = readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new SigningKeyError(`cannot read ${filePath}: ${(error as Error).message}`);
    mkdirSync(dirname(filePath), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
    try {
      writeFileSync(filePath, pem, { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (writeError) {
      // Another process made it first: use theirs.
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new SigningKeyError(`cannot create ${filePath}: ${(writeError as Error).message}`);
      pem = readFileSync(filePath, 'utf8');
    }
  }
  if (!created && (lstatSync(filePath).mode & 0o077) !== 0)
    warnings.push(`${filePath} is readable by group or others: chmod 600 it, and rotate the key if it may have leaked`);
  let key: SigningKey;
  try {
    key = describe(createPrivateKey(pem));
  } catch (error) {
    if (error instanceof SigningKeyError) throw error;
    throw new SigningKeyError(`${filePath} is not a PEM private key`);
  }
  if (created) chmodSync(filePath, 0o600);
  try {
    writeFileSync(`${filePath}.pub`, key.publicKeyPem, { mode: 0o644 });
  } catch (error) {
    // A key mounted read-only (a secret) has its public half exported by the api instead.
    warnings.push(`could not write ${filePath}.pub: ${(error as Error).message}`);
  }
  return { key, created, warnings };
}
