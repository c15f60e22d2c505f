import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// Where time goes, by the code that spends it; native calls (better-sqlite3, JSON) show as their JS caller's frame.
const AREAS: [string, RegExp][] = [
  ['read store (embedded)', /libs\/read-store\//],
  ['event store (sqlite)', /libs\/event-store\//],
  ['projection folds', /libs\/projections\/src\/(?!runner|rebuild)/],
  ['runner', /libs\/projections\/src\/(runner|rebuild)\//],
  ['mingo', /node_modules\/mingo\//],
  ['better-sqlite3 (js)', /node_modules\/better-sqlite3\//],
  ['domain', /libs\/domain\//],
];

/** Self time per function and per area of the biggest .cpuprofile in `dir` (tsx's loader thread writes a small one too). */
export function summariseProfile(dir: string, top = 15): string {
  const size = (name: string) => statSync(join(dir, name)).size;
  const file = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort((a, b) => size(a) - size(b))
    .at(-1);
  if (file === undefined) return 'no profile found';
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url.replace(/^.*\/(libs|node_modules|apps)\//, '$1/');
    const key = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + micros);
    const area =
      AREAS.find(([, pattern]) => pattern.test(url))?.[0] ?? (url === '' ? 'native / gc / idle' : 'other js');
    areas.set(area, (areas.get(area) ?? 0) + micros);
  }
  const pct = (micros: number) => `${((100 * micros) / total).toFixed(1).padStart(5)}%`;
  const lines = [`CPU profile ${file} (${(total / 1e6).toFixed(1)} s sampled), self time by area:`];
  for (const [area, micros] of [...areas].sort((a, b) => b[1] - a[1])) lines.push(`  ${pct(micros)}  ${area}`);
  lines.push(`top ${top} functions by self time:`);
  for (const [name, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(micros)}  ${name}`);
  return lines.join('\n');
}
