import { Logger, type ArgumentsHost } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter';
import { problem, ProblemException } from './problem-details';

/** Runs the filter on `error` as if a GET /api/v1/projects had thrown it; answers what was sent and logged. */
function filterAnswer(error: unknown) {
  const sent: { status?: number; body?: any; headers?: Record<string, string> } = {};
  const reply = {
    status: (status: number) => ((sent.status = status), reply),
    headers: (headers: Record<string, string>) => ((sent.headers = headers), reply),
    send: (body: unknown) => ((sent.body = body), reply),
  };
  const host = {
    switchToHttp: () => ({
      getResponse: () => reply,
      getRequest: () => ({ method: 'GET', url: '/api/v1/projects?minPosition=999' }),
    }),
  } as unknown as ArgumentsHost;
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const error_ = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  try {
    new ProblemDetailsFilter().catch(error, host);
    return {
      sent,
      warnings: warn.mock.calls.map((c) => String(c[0])),
      errors: error_.mock.calls.map((c) => String(c[0])),
    };
  } finally {
    warn.mockRestore();
    error_.mockRestore();
  }
}

describe('what the problem filter logs', () => {
  it('logs a 503 (a read model not yet at minPosition) as one warning line, without a stack', () => {
    const lagging = new ProblemException(
      problem(503, 'projection-lagging', 'Read model not up to date yet', {
        detail: 'Position 999 is beyond the head.',
      }),
      { 'Retry-After': '1' },
    );
    const { sent, warnings, errors } = filterAnswer(lagging);
    expect(sent.status).toBe(503);
    expect(sent.headers).toMatchObject({ 'Retry-After': '1', 'content-type': 'application/problem+json' });
    expect(errors).toEqual([]);
    expect(warnings).toEqual(['GET /api/v1/projects?minPosition=999: 503 Position 999 is beyond the head.']);
    expect(warnings[0]).not.toMatch(/\n\s+at /);
  });

  it('logs a bug (an unknown error) at error level with its stack, and answers 500 without details', () => {
    const { sent, warnings, errors } = filterAnswer(new TypeError('x is undefined'));
    expect(sent.status).toBe(500);
    expect(sent.body.detail).not.toMatch(/x is undefined/);
    expect(warnings).toEqual([]);
    expect(errors[0]).toMatch(/TypeError: x is undefined\n\s+at /);
  });

  it('logs a known 5xx (a problem) at error level on one line, without a stack', () => {
    const broken = new ProblemException(
      problem(500, 'integrity-violation', 'Stored history is broken', { detail: 'project-1 is broken at revision 3' }),
    );
    const { sent, errors } = filterAnswer(broken);
    expect(sent.status).toBe(500);
    expect(errors).toEqual([
      'GET /api/v1/projects?minPosition=999: 500 https://itp.hunan.gov.cn/problems/integrity-violation project-1 is broken at revision 3',
    ]);
  });

  it('does not log a 4xx', () => {
    const { sent, warnings, errors } = filterAnswer(new ProblemException(problem(404, 'not-found', 'Not found')));
    expect(sent.status).toBe(404);
    expect([...warnings, ...errors]).toEqual([]);
  });
});
