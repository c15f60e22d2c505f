import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

export interface FsyncCounts {
  /** fsync + fdatasync calls per file (base name), over all threads of the process. */
  byFile: Map<string, number>;
  total: number;
  /** strace's own -C summary table. */
  summary: string;
}

export const straceAvailable = (): boolean => spawnSync('strace', ['-V'], { stdio: 'ignore' }).status === 0;

/**
 * Attaches `strace -f -C -y -e trace=fsync,fdatasync -p <pid>` (all threads, file names resolved) and gives a
 * stop() that detaches it and counts the calls per file. ptrace stops every syscall of the process, so a run
 * under strace is slow: its counts are used, never its throughput.
 */
export async function attachStrace(pid: number, outFile: string): Promise<{ stop(): Promise<FsyncCounts> }> {
  const child = spawn('strace', ['-f', '-C', '-y', '-e', 'trace=fsync,fdatasync', '-o', outFile, '-p', String(pid)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`strace did not attach: ${stderr}`)), 10_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/attached/.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`strace exited (${code}): ${stderr.trim()}`));
    });
  });
  return {
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      const text = readFileSync(outFile, 'utf8');
      const byFile = new Map<string, number>();
      let total = 0;
      for (const match of text.matchAll(/\b(?:fsync|fdatasync)\(\d+<([^>]*)>/g)) {
        const file = basename(match[1]);
        byFile.set(file, (byFile.get(file) ?? 0) + 1);
        total += 1;
      }
      const summaryAt = text.indexOf('% time');
      return { byFile, total, summary: summaryAt < 0 ? '(no summary)' : text.slice(summaryAt).trim() };
    },
  };
}
