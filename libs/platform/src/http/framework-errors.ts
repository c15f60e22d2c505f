import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, type ProblemDetails } from '../problem-details/problem-details';
import { problemSlug, problemTitle } from '../problem-details/problem-titles';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/**
 * Fastify answers some requests before any route runs (a URL that is not valid percent-encoding, a path
 * parameter longer than the router takes): `frameworkErrors` lets them be problems like every other answer.
 */
export function frameworkErrorHandler(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const detail =
    status === 414
      ? 'A path segment is longer than the server accepts.'
      : 'The URL is not valid: a path segment is not well-formed percent-encoding.';
  void reply
    .code(status)
    .type(PROBLEM_JSON)
    .send(problem(status, problemSlug(status), problemTitle(status), { detail, instance: request.url.slice(0, 200) }));
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them: headers (or a request line) larger than the
 * server takes (431), bytes that are not HTTP (400), a request not received within the request timeout (408).
 * The answer is written on the socket as a problem, then the connection closes (as Node does).
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request was not received in time; the connection is closed.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request line and headers are larger than the server accepts.']
        : error.code === 'HPE_URI_TOO_LONG'
          ? [414, 'The URL is longer than the server accepts.']
          : [400, 'The request is not well-formed HTTP/1.1.'];
  // As Node does: answer only when no answer to the request in flight has started on this socket.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const body = JSON.stringify(problem(status, problemSlug(status), problemTitle(status), { detail }));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_JSON}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * The last guard of the one shape: an error answer that something else (a plugin, the static files of the
 * OpenAPI UI) wrote as plain JSON or text becomes a problem with the same status and its message as detail.
 */
export function problemShapeOnSend(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: Error | null, payload?: unknown) => void,
): void {
  const status = reply.statusCode;
  const type = String(reply.getHeader('content-type') ?? '');
  if (status < 400 || type.startsWith('application/problem+json') || typeof payload !== 'string') {
    return done(null, payload);
  }
  // Only answers in Fastify's own error shape ({ statusCode, error, message }) or plain text: an error status
  // with a body of its own (the health report's 503) is left as it is.
  let detail: string | undefined;
  try {
    const parsed = JSON.parse(payload) as { statusCode?: unknown; error?: unknown; message?: unknown };
    if (typeof parsed?.statusCode !== 'number' || typeof parsed.error !== 'string') return done(null, payload);
    detail = typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    detail = payload.slice(0, 200) || undefined;
  }
  const body: ProblemDetails = problem(status, problemSlug(status), problemTitle(status), {
    detail: detail ?? problemTitle(status),
    instance: request.url.slice(0, 200),
  });
  const text = JSON.stringify(body);
  void reply.header('content-type', PROBLEM_JSON).header('content-length', Buffer.byteLength(text));
  done(null, text);
}
