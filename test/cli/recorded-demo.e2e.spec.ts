import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { startInProcessApi, type CreateApiApp } from '../../scripts/demo/in-process-api';
import { recordDemoYear, recordedInstant } from '../../scripts/demo/recorded-demo';
import { RECORDED_DEMO } from './itp-cli';

jest.setTimeout(120_000);

/**
 * The committed demo file (`npm run demo:recorded` imports it) is what the demo story gives today: regenerated
 * through the api's current code, it is the same bytes. When the story or the api's events change, run
 * `npm run build && npm run demo:recorded:generate` and commit the new file.
 */
describe('the recorded 2014 demo file', () => {
  let generated: string;
  beforeAll(async () => {
    const api = await startInProcessApi(createApiApp as unknown as CreateApiApp);
    try {
      const output = new PassThrough();
      const chunks: Buffer[] = [];
      output.on('data', (chunk: Buffer) => chunks.push(chunk));
      await recordDemoYear(api, output);
      output.end();
      generated = Buffer.concat(chunks).toString('utf8');
    } finally {
      await api.close();
    }
  });

  it('is what the demo story recorded through the api gives, byte for byte', () => {
    const committed = readFileSync(RECORDED_DEMO, 'utf8');
    expect(generated.length).toBe(committed.length);
    expect(generated === committed).toBe(true);
  });

  it('records every command on its day in 2014, in working hours (UTC+8), never going back', () => {
    const times = generated
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).recordedAt as string);
    expect(times.length).toBe(412);
    expect([...times].sort()).toEqual(times);
    expect(times[0] >= '2014-01-02T01:00:00.000Z' && times.at(-1)! < '2015-01-01T00:00:00.000Z').toBe(true);
    for (const time of times) {
      const hour = (new Date(time).getUTCHours() + 8) % 24;
      expect(hour >= 9 && hour < 21).toBe(true);
    }
  });

  it('spaces the commands of a day 4 to 13 minutes apart from about nine', () => {
    const day = [0, 1, 2].map((n) => recordedInstant('2014-07-05', n).getTime());
    expect(day[0]).toBeGreaterThanOrEqual(Date.parse('2014-07-05T09:00:00+08:00'));
    expect(day[0]).toBeLessThan(Date.parse('2014-07-05T09:21:00+08:00'));
    for (const [a, b] of [
      [day[0], day[1]],
      [day[1], day[2]],
    ]) {
      expect(b - a).toBeGreaterThanOrEqual(4 * 60_000 - 60_000);
      expect(b - a).toBeLessThanOrEqual(13 * 60_000 + 60_000);
    }
  });
});
