import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, ProblemException } from '../problem-details/problem-details';
import type { ApiKeyRegistry } from './api-keys';
import { principalOf, unauthenticated } from './bearer';
import type { Principal } from './principal';

/**
 * What anyone may fetch without a key: the health report, the OpenAPI document and its UI, and the pages of the
 * dashboard (any GET outside /api and /metrics; an unknown one is a 404). Reads only: a request that can carry a
 * body always needs a key. The guard still decides per route (and roles) after this.
 */
export function isPublicRequest(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const path = url.split('?')[0];
  if (path === '/health' || path.startsWith('/api/docs')) return true;
  return !(path === '/api' || path.startsWith('/api/') || path === '/metrics' || path.startsWith('/metrics/'));
}

/**
 * An `onRequest` hook: runs before Fastify reads a body, so a caller without a valid key is answered 401 at
 * once, whatever it is still sending, and the connection is closed instead of waiting for that body (a path no
 * route serves is answered 404 the same way). A valid key leaves its principal on the request (the guard and
 * public routes such as /health read it).
 */
export const authenticateBeforeBody =
  (registry: ApiKeyRegistry) =>
  async (request: FastifyRequest & { principal?: Principal }, reply: FastifyReply): Promise<void> => {
    const principal = principalOf(registry, request.headers.authorization);
    if (principal) {
      request.principal = principal;
      return;
    }
    if (isPublicRequest(request.method, request.url)) return;
    void reply.header('connection', 'close');
    if (request.is404) {
      throw new ProblemException(
        problem(404, 'not-found', 'Not found', { detail: `Cannot ${request.method} ${request.url.split('?')[0]}` }),
      );
    }
    throw unauthenticated();
  };
