import { createHash } from 'node:crypto';

/**
 * The event ids of the kill -9 test's appends, derived from the append's key, so that the writer's lines stay
 * short (a long line per append fills the pipe to the parent faster than a busy parent reads it).
 */
export function kill9EventId(key: string, index: number): string {
  const hex = createHash('sha256').update(`${key}:${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
