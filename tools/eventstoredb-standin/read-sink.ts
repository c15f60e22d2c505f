import type { ServerWritableStream, ServiceError } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from './wire';

/**
 * Writes ReadResp messages with back-pressure (waits for 'drain' when grpc-js buffers are full) and notices
 * the client's cancel: a long $all read or a live subscription must neither flood memory nor outlive its call.
 */
export class ReadSink {
  private done = false;
  private readonly closeListeners = new Set<() => void>();

  constructor(private readonly call: ServerWritableStream<ReadReq, ReadResp>) {
    call.on('cancelled', () => this.stop());
    call.on('close', () => this.stop());
    call.on('error', () => this.stop());
  }

  /** False once the call was cancelled or ended. */
  get open(): boolean {
    return !this.done && !this.call.cancelled;
  }

  /** Resolves true when the message was handed to grpc-js, false when the call is gone. */
  async send(message: ReadResp): Promise<boolean> {
    if (!this.open) return false;
    if (this.call.write(message)) return true;
    await new Promise<void>((resolve) => {
      const settle = (): void => {
        this.call.off('drain', settle);
        this.call.off('cancelled', settle);
        this.call.off('close', settle);
        resolve();
      };
      this.call.on('drain', settle);
      this.call.on('cancelled', settle);
      this.call.on('close', settle);
    });
    return this.open;
  }

  /** Calls `listener` once when the call is cancelled or ends (at once if it already has). */
  onClose(listener: () => void): void {
    if (!this.open) listener();
    else this.closeListeners.add(listener);
  }

  end(): void {
    if (!this.open) return;
    this.call.end();
    this.stop();
  }

  fail(error: Partial<ServiceError>): void {
    if (!this.open) return;
    this.call.emit('error', error);
    this.stop();
  }

  private stop(): void {
    this.done = true;
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener();
  }
}
