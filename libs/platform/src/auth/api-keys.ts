import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { groupOrOtherBits } from '../data-dir/file-modes';
import { join } from 'node:path';
import { ROLES, type Principal, type Role } from './principal';

interface ApiKeyEntry {
  key: string;
  role: Role;
  unit: string;
  cities: string[] | '*';
  actor?: string;
}

export class ApiKeyConfigError extends Error {
  override readonly name = 'ApiKeyConfigError';
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function parseEntries(json: string, source: string): ApiKeyEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ApiKeyConfigError(`${source} is not valid JSON`);
  }
  if (!Array.isArray(raw) || raw.length === 0)
    throw new ApiKeyConfigError(`${source} must be a non-empty JSON array of { key, role, unit, cities }`);
  return raw.map((entry: Record<string, unknown>, index) => {
    const where = `${source}[${index}]`;
    if (typeof entry?.key !== 'string' || entry.key.length < 16)
      throw new ApiKeyConfigError(`${where}.key must be a string of at least 16 characters`);
    if (!ROLES.includes(entry.role as Role))
      throw new ApiKeyConfigError(`${where}.role must be one of ${ROLES.join(', ')}`);
    if (typeof entry.unit !== 'string' || entry.unit.trim() === '')
      throw new ApiKeyConfigError(`${where}.unit must be a non-empty string`);
    const cities = entry.cities ?? '*';
    if (cities !== '*' && !(Array.isArray(cities) && cities.every((c) => typeof c === 'string' && /^\d{6}$/.test(c)))) {
      throw new ApiKeyConfigError(`${where}.cities must be "*" or an array of 6-digit GB/T 2260 codes`);
    }
    if (entry.actor !== undefined && typeof entry.actor !== 'string')
      throw new ApiKeyConfigError(`${where}.actor must be a string`);
    return {
      key: entry.key,
      role: entry.role as Role,
      unit: entry.unit,
      cities: cities as string[] | '*',
      actor: entry.actor as string | undefined,
    };
  });
}

/**
 * Resolves bearer keys to principals. Keys are kept only as SHA-256 digests and compared with
 * timingSafeEqual over every entry, so neither the match nor its position leaks through timing.
 */
export class ApiKeyRegistry {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(entries: ApiKeyEntry[]) {
    this.entries = entries.map((entry) => {
      const digest = sha256(entry.key);
      const keyId = digest.toString('hex').slice(0, 12);
      return {
        digest,
        principal: {
          keyId,
          actor: entry.actor ?? `${entry.role}:${keyId}`,
          role: entry.role,
          unit: entry.unit,
          cities: entry.cities,
        },
      };
    });
  }

  static fromJson(json: string, source = 'ITP_API_KEYS'): ApiKeyRegistry {
    return new ApiKeyRegistry(parseEntries(json, source));
  }

  /**
   * The embedded default: with no ITP_API_KEYS, one admin key lives in the data directory, created on first start.
   * Returns where it is so the caller can say so (the key itself is never printed).
   */
  static fromDataDir(dataDir: string): { registry: ApiKeyRegistry; filePath: string; created: boolean } {
    const filePath = join(dataDir, 'api-keys.json');
    let created = false;
    if (!existsSync(filePath)) {
      mkdirSync(dataDir, { recursive: true });
      const entries: ApiKeyEntry[] = [
        {
          key: randomBytes(32).toString('base64url'),
          role: 'admin',
          unit: 'provincial-commerce-department',
          cities: '*',
          actor: 'bootstrap-admin',
        },
      ];
      writeFileSync(filePath, JSON.stringify(entries, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
      chmodSync(filePath, 0o600);
      created = true;
    } else if (groupOrOtherBits(filePath) !== 0) {
      // Someone else on the machine may have read a key already: tightening the mode does not undo that.
      const mode = (groupOrOtherBits(filePath) | 0o600).toString(8);
      new Logger('ApiKeys').warn(
        `${filePath} was readable or writable by group or others (mode at least 0${mode}); set to 0600 now. Rotate the keys in it if anyone else could have read them.`,
      );
      chmodSync(filePath, 0o600);
    }
    return { registry: new ApiKeyRegistry(parseEntries(readFileSync(filePath, 'utf8'), filePath)), filePath, created };
  }

  authenticate(presentedKey: string): Principal | undefined {
    const digest = sha256(presentedKey);
    let found: Principal | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, digest) && !found) found = entry.principal;
    }
    return found;
  }
}

export const API_KEY_REGISTRY = Symbol('API_KEY_REGISTRY');
