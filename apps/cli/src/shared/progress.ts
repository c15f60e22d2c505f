import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  update(value: number): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

/** Progress bars are for people: drawn on stderr, and only when both stdout and stderr are terminals. */
export const interactive = (): boolean => Boolean(process.stdout.isTTY && process.stderr.isTTY);

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * A bar for long work (verifying or exporting a log, importing a file, folding read models), or nothing when
 * not interactive or `enabled` is false (`--no-progress`): scripts and pipes get only the summary.
 */
export function progressBar(
  label: string,
  total: number,
  options: { enabled: boolean; unit?: 'events' | 'positions' | 'bytes' },
): Progress {
  if (!options.enabled || !interactive() || total <= 0) return silent;
  const unit = options.unit ?? 'positions';
  const bar = new SingleBar(
    {
      format: `${label.padEnd(22)} [{bar}] {percentage}% | {value} / {total} ${unit === 'bytes' ? '' : unit} | {duration_formatted} (eta {eta_formatted})`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 200,
      fps: 10,
      formatValue: (value, _options, type) =>
        unit === 'bytes' && (type === 'value' || type === 'total') ? megabytes(value) : String(value),
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  let stopped = false;
  return {
    update: (value) => bar.update(Math.min(value, total)),
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
