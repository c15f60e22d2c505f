import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, problem, type ProblemDetails } from './problem-details';
import { problemSlug, problemTitle } from './problem-titles';

/**
 * Maps a thrown error that is not an HTTP concern (a domain or store error) to a problem, or undefined; a
 * ProblemException when the answer needs headers too (e.g. Retry-After).
 */
export type ErrorMapper = (error: unknown) => ProblemDetails | ProblemException | undefined;

/** The one place where errors become RFC 9457 answers. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly mappers: ErrorMapper[] = []) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { body, headers, known } = this.toProblem(error);
    body.instance ??= request.url;
    // A backend that cannot be reached is an operational state, not a bug: one line, no stack trace.
    if (body.status === 503) this.logger.warn(`${request.method} ${request.url}: 503 ${body.detail ?? body.title}`);
    // A known failure (e.g. a broken stored history) is named by its problem: one error line, no stack trace.
    else if (body.status >= 500 && known)
      this.logger.error(`${request.method} ${request.url}: ${body.status} ${body.type} ${body.detail ?? body.title}`);
    else if (body.status >= 500)
      this.logger.error(`${request.method} ${request.url}: ${String((error as Error)?.stack ?? error)}`);
    void reply
      .status(body.status)
      .headers({ ...headers, 'content-type': 'application/problem+json' })
      .send(body);
  }

  private toProblem(error: unknown): { body: ProblemDetails; headers: Record<string, string>; known: boolean } {
    if (error instanceof ProblemException) return { body: { ...error.problem }, headers: error.headers, known: true };
    for (const map of this.mappers) {
      const mapped = map(error);
      if (mapped instanceof ProblemException)
        return { body: { ...mapped.problem }, headers: mapped.headers, known: true };
      if (mapped) return { body: mapped, headers: {}, known: true };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const detail =
        typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
      return {
        body: problem(status, problemSlug(status), problemTitle(status), { detail }),
        headers: {},
        known: status < 500,
      };
    }
    // Fastify's own errors (bad JSON, wrong content type, body too large) carry a statusCode.
    const statusCode = (error as { statusCode?: number })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return {
        body: problem(statusCode, problemSlug(statusCode), problemTitle(statusCode), {
          detail: (error as Error).message,
        }),
        headers: {},
        known: true,
      };
    }
    return {
      body: problem(500, 'internal-error', 'Internal server error', {
        detail: 'The error was logged; nothing was acknowledged.',
      }),
      headers: {},
      known: false,
    };
  }
}
