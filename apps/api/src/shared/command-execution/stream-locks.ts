/**
 * One command at a time per stream, within this process: commands on one aggregate queue instead of racing
 * each other to the append and exhausting their retries. Writers in other processes are still met by the
 * executor's expected-revision check and bounded retry.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(streamId, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    }
  }
}
