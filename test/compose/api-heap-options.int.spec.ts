import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { API_HEAP_OPTIONS } from '../../apps/api/src/heap-limit';

/**
 * Every way the README and the deployment files start the api gives node the heap options that bound its memory
 * (apps/api/src/heap-limit.ts), so that a change to them cannot leave one start line behind.
 */
const ROOT = join(__dirname, '..', '..');
const API_MAIN = 'dist/apps/api/apps/api/src/main.js';
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** The words of a command line from `node` to the api's main, or undefined when it does not start the api. */
const apiCommand = (words: readonly string[]): string[] | undefined => {
  const end = words.indexOf(API_MAIN);
  if (end < 0) return undefined;
  const start = words.lastIndexOf('node', end);
  return words.slice(start, end + 1);
};
const expected = ['node', ...API_HEAP_OPTIONS, API_MAIN];

describe('the start lines of the api', () => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

  it.each(['start', 'start:api'])('npm run %s gives node the heap options', (script) => {
    expect(apiCommand(scripts[script]!.split(/\s+/))).toEqual(expected);
  });

  it('the Dockerfile gives them', () => {
    const cmd = read('Dockerfile')
      .split('\n')
      .find((line) => line.startsWith('CMD '));
    expect(apiCommand(JSON.parse(cmd!.slice(4)) as string[])).toEqual(expected);
  });

  it.each(['docker-compose.yml', 'docker-compose.cluster.yml'])('%s gives them to every api service', (file) => {
    const services = (parseDocument(read(file), { merge: true }).toJS() as { services: Record<string, unknown> })
      .services as Record<string, { command?: string[] }>;
    const apis = Object.values(services).filter((s) => s.command?.includes(API_MAIN));
    expect(apis.length).toBeGreaterThan(0);
    for (const api of apis) expect(apiCommand(api.command!)).toEqual(expected);
  });

  it('they set a heap limit under 512 MiB for node itself', () => {
    const run = spawnSync(process.execPath, [
      ...API_HEAP_OPTIONS,
      '-e',
      'process.stdout.write(String(require("node:v8").getHeapStatistics().heap_size_limit))',
    ]);
    expect(run.status).toBe(0);
    const mib = Number(run.stdout.toString()) / 2 ** 20;
    expect(mib).toBeGreaterThan(320);
    expect(mib).toBeLessThan(512);
  });
});
