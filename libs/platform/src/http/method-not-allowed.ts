import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem } from '../problem-details/problem-details';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/** A route's URL as a pattern over request paths: `:param` (with or without a regex) is one segment, `*` the rest. */
export function routePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':')
        ? '[^/]+'
        : segment === '*'
          ? '.*'
          : segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

/**
 * The methods a path is served with, from every route Fastify registers after this is called (Nest registers its
 * routes at init, after the app is built).
 */
export class RouteMethods {
  private readonly routes: { pattern: RegExp; method: string }[] = [];

  add(url: string, methods: string | string[]): void {
    const pattern = routePattern(url);
    for (const method of Array.isArray(methods) ? methods : [methods])
      this.routes.push({ pattern, method: method.toUpperCase() });
  }

  /** The methods some route serves this path with, in a stable order; empty when no route has the path. */
  allowed(path: string): string[] {
    const methods = new Set(this.routes.filter((route) => route.pattern.test(path)).map((route) => route.method));
    return [...methods].sort();
  }
}

/**
 * 405 Method Not Allowed, with `Allow`, for a path some route serves with other methods (Fastify answers every
 * unrouted request 404, whether the path or only the method is unknown). An `onRequest` hook on the not-found
 * route: it answers before any body is read or authentication asked for (the paths and their methods are public
 * in the OpenAPI document), as a problem like every other error.
 */
export function answerMethodNotAllowed(fastify: FastifyInstance): RouteMethods {
  const routes = new RouteMethods();
  fastify.addHook('onRoute', (route) => routes.add(route.url, route.method));
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.is404) return;
    const path = request.url.split('?')[0];
    const allowed = routes.allowed(path);
    if (allowed.length === 0 || allowed.includes(request.method.toUpperCase())) return;
    await reply
      .code(405)
      .header('allow', allowed.join(', '))
      .header('content-type', PROBLEM_JSON)
      .send(
        problem(405, 'method-not-allowed', 'Method not allowed', {
          detail: `${path.slice(0, 200)} does not take ${request.method}; it takes ${allowed.join(', ')}.`,
          instance: request.url.slice(0, 200),
          allowed,
        }),
      );
    return reply;
  });
  return routes;
}
