import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyConfigError, ApiKeyRegistry } from './api-keys';
import { mayActOnCity } from './principal';

const keys = [
  { key: 'admin-key-0123456789', role: 'admin', unit: 'dept', cities: '*' },
  { key: 'hengyang-key-0123456789', role: 'integration', unit: 'hengyang-bureau', cities: ['430400'] },
];

describe('API keys', () => {
  const registry = ApiKeyRegistry.fromJson(JSON.stringify(keys));

  it('resolves a known key to its principal, without the key in it', () => {
    const principal = registry.authenticate('hengyang-key-0123456789');
    expect(principal).toMatchObject({ role: 'integration', unit: 'hengyang-bureau', cities: ['430400'] });
    expect(JSON.stringify(principal)).not.toContain('hengyang-key');
  });

  it('refuses an unknown key and a prefix of a known one', () => {
    expect(registry.authenticate('nobody-0123456789')).toBeUndefined();
    expect(registry.authenticate('hengyang-key')).toBeUndefined();
  });

  it('scopes cities', () => {
    expect(mayActOnCity(registry.authenticate('hengyang-key-0123456789')!, '430400')).toBe(true);
    expect(mayActOnCity(registry.authenticate('hengyang-key-0123456789')!, '430100')).toBe(false);
    expect(mayActOnCity(registry.authenticate('admin-key-0123456789')!, '430100')).toBe(true);
  });

  it('rejects malformed configuration with the entry and field named', () => {
    expect(() => ApiKeyRegistry.fromJson('[{"key":"short","role":"admin","unit":"u"}]')).toThrow(
      /ITP_API_KEYS\[0\]\.key/,
    );
    expect(() => ApiKeyRegistry.fromJson('[{"key":"long-enough-key-123","role":"root","unit":"u"}]')).toThrow(
      ApiKeyConfigError,
    );
    expect(() => ApiKeyRegistry.fromJson('not json')).toThrow(/not valid JSON/);
  });

  it('creates one admin key file, readable by its owner only, on first start and reuses it after', () => {
    const dir = mkdtempSync(join(tmpdir(), 'itp-keys-'));
    const first = ApiKeyRegistry.fromDataDir(dir);
    const second = ApiKeyRegistry.fromDataDir(dir);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(statSync(first.filePath).mode & 0o777).toBe(0o600);
    const [{ key }] = JSON.parse(readFileSync(first.filePath, 'utf8'));
    expect(second.registry.authenticate(key)).toMatchObject({ role: 'admin', cities: '*' });
  });

  it('warns when an existing key file is readable by group or others, and makes it 0600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'itp-keys-'));
    const { filePath } = ApiKeyRegistry.fromDataDir(dir);
    chmodSync(filePath, 0o644);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      ApiKeyRegistry.fromDataDir(dir);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/api-keys\.json was readable .* by group or others .*Rotate/);
      expect(statSync(filePath).mode & 0o777).toBe(0o600);
      warn.mockClear();
      ApiKeyRegistry.fromDataDir(dir);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
