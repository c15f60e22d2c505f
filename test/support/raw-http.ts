import { connect, type Socket } from 'node:net';

/** An HTTP/1.1 answer as read off the socket, with its body parsed when it is JSON. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: any;
  /** Milliseconds from the connection to the end of the answer (or the socket closing). */
  elapsedMs: number;
}

/** Parses the bytes a server wrote, up to the end of the first answer's body. */
export function parseAnswer(raw: string, elapsedMs: number): RawAnswer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`No complete HTTP answer in ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const text = raw.slice(end + 4, headers['content-length'] ? end + 4 + Number(headers['content-length']) : undefined);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: Number(statusLine.split(' ')[1]), headers, text, body, elapsedMs };
}

/**
 * Opens a socket to the api, lets `drive` write to it (at its own pace), and answers what the server wrote
 * once it closed the connection, wrote a whole answer, or `timeoutMs` passed (then it throws).
 */
export function rawExchange(
  port: number,
  drive: (socket: Socket) => void | Promise<void>,
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) return reject(error);
      try {
        resolve(parseAnswer(received, Date.now() - started));
      } catch (parseError) {
        reject(parseError as Error);
      }
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms: ${received}`)), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      const end = received.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(received.slice(0, end));
      if (end >= 0 && length && received.length >= end + 4 + Number(length[1])) finish();
    });
    socket.on('close', () => finish());
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close while we still write: what it answered before counts.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish();
      else finish(error);
    });
    socket.on('connect', () => {
      void Promise.resolve(drive(socket)).catch((error: Error) => finish(error));
    });
  });
}

/** Sends one whole request (text as written) and reads the answer. */
export const rawRequest = (port: number, request: string, timeoutMs?: number): Promise<RawAnswer> =>
  rawExchange(port, (socket) => void socket.write(request, 'latin1'), timeoutMs);
