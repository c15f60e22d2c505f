import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp, { type Options } from 'pino-http';
import { httpLogOptions } from './http-logging';

/** Serves `status` through pino-http with `options`, makes one request, and answers the log line it wrote. */
async function logLineFor(status: number, options: Options): Promise<Record<string, any>> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = pinoHttp({ ...options, logger: pino({ level: 'info' }, sink) });
  const server: Server = createServer((req, res) => {
    log(req, res);
    res.statusCode = status;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) =>
      request({ port, path: '/api/v1/projects?minPosition=999999' }, (res) => res.resume().on('end', resolve))
        .on('error', reject)
        .end(),
    );
    await new Promise((resolve) => setImmediate(resolve));
    return JSON.parse(lines.at(-1)!);
  } finally {
    server.close();
  }
}

const WARN = 40;
const ERROR = 50;

describe('request logging', () => {
  it("logs a 503 with pino-http's defaults as 'request errored' with a made-up stack trace (what the fuzz run saw)", async () => {
    const line = await logLineFor(503, {});
    expect(line.msg).toBe('request errored');
    expect(line.err.stack).toMatch(/failed with status code 503/);
  });

  it('logs a 503 as a warning on one line, without an error object or stack', async () => {
    const line = await logLineFor(503, httpLogOptions('info'));
    expect(line.level).toBe(WARN);
    expect(line.msg).not.toMatch(/errored/);
    expect(line.err).toBeUndefined();
    expect(JSON.stringify(line)).not.toMatch(/stack/);
    expect(line.res.statusCode).toBe(503);
  });

  it('still logs other 5xx as errors', async () => {
    expect((await logLineFor(500, httpLogOptions('info'))).level).toBe(ERROR);
  });

  it('logs 4xx at info and never writes the API key', async () => {
    const line = await logLineFor(404, httpLogOptions('info'));
    expect(line.level).toBe(30);
  });
});
