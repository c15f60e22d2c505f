import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { RecordedEvent } from '../event-store.port';
import { ExportFileError, parseExportLine } from './export-line';

export interface ExportFileProgress {
  bytesRead: number;
}

/**
 * The events of an export file, line by line, read in chunks (constant memory: one chunk and one line at a time).
 * Checks the order a log has: positions strictly increasing, recorded times never decreasing. `digest()` is the
 * SHA-256 of the bytes read so far: read the file twice and compare, and both passes read the same file.
 */
export class ExportFileReader {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(
    readonly path: string,
    private readonly onProgress?: (progress: ExportFileProgress) => void,
  ) {}

  async *events(): AsyncGenerator<{ event: RecordedEvent; line: number }> {
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let line = 0;
    let previous: RecordedEvent | undefined;
    const parse = (text: string) => {
      line += 1;
      const body = text.endsWith('\r') ? text.slice(0, -1) : text;
      if (body.trim() === '') throw new ExportFileError(line, 'empty line');
      const event = parseExportLine(body, line);
      if (previous !== undefined && event.position <= previous.position)
        throw new ExportFileError(line, `position ${event.position} does not follow ${previous.position}`);
      if (previous !== undefined && event.recordedAt < previous.recordedAt)
        throw new ExportFileError(
          line,
          `recorded at ${event.recordedAt}, before the event above it (${previous.recordedAt}): recorded times never decrease along the log`,
        );
      previous = event;
      return { event, line };
    };
    for await (const chunk of createReadStream(this.path)) {
      const buffer = chunk as Buffer;
      this.hash.update(buffer);
      this.bytes += buffer.length;
      pending += decoder.write(buffer);
      let start = 0;
      for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n', start)) {
        yield parse(pending.slice(start, newline));
        start = newline + 1;
      }
      pending = pending.slice(start);
      this.onProgress?.({ bytesRead: this.bytes });
    }
    pending += decoder.end();
    if (pending !== '') yield parse(pending);
  }

  get bytesRead(): number {
    return this.bytes;
  }

  /** SHA-256 (hex) of every byte read; call once, after the events were read to the end. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
