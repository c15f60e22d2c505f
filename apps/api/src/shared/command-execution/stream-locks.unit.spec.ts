import { StreamLocks } from './stream-locks';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('StreamLocks', () => {
  it('runs the work of one stream one at a time, in arrival order', async () => {
    const locks = new StreamLocks();
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name} starts`);
      await tick();
      log.push(`${name} ends`);
      return name;
    };
    const results = await Promise.all([
      locks.run('project-1', work('a')),
      locks.run('project-1', work('b')),
      locks.run('project-1', work('c')),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  });

  it('lets different streams run side by side', async () => {
    const locks = new StreamLocks();
    const log: string[] = [];
    const work = (name: string) => async () => {
      log.push(`${name} starts`);
      await tick();
      log.push(`${name} ends`);
    };
    await Promise.all([locks.run('project-1', work('a')), locks.run('project-2', work('b'))]);
    expect(log.slice(0, 2)).toEqual(['a starts', 'b starts']);
  });

  it('passes on the turn when a work fails, and rethrows its error', async () => {
    const locks = new StreamLocks();
    const failing = locks.run('project-1', async () => {
      await tick();
      throw new Error('refused');
    });
    const next = locks.run('project-1', async () => 'ran');
    await expect(failing).rejects.toThrow('refused');
    await expect(next).resolves.toBe('ran');
  });

  it('forgets a stream once its queue is empty', async () => {
    const locks = new StreamLocks();
    await locks.run('project-1', async () => undefined);
    expect((locks as unknown as { tails: Map<string, unknown> }).tails.size).toBe(0);
  });
});
