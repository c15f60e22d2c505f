import type { ItpConfig } from '@itp/platform';
import { ALL_PROJECTIONS } from '@itp/projections';
import { openEventStore, openReadStore } from '@itp/projections/backends/open-stores';
import { ProjectionRunner } from '@itp/projections/runner';
import { unavailable } from '../shared/cli-errors';
import { progressBar } from '../shared/progress';

const NO_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/**
 * Folds the imported log into the embedded read models with the platform's own runner (the api's projections,
 * nothing else), so that reports and the api answer from the imported history at once. Answers the position
 * every read model reached.
 */
export async function foldReadModels(config: ItpConfig, head: number, options: { progress: boolean }): Promise<number> {
  const eventStore = openEventStore(config);
  const readStore = openReadStore(config);
  const runner = new ProjectionRunner({ eventStore, readStore, projections: ALL_PROJECTIONS });
  const bar = progressBar('folding read models', head, { enabled: options.progress });
  const lowest = async () => Math.min(...(await runner.statuses()).map((status) => status.checkpoint));
  const poll = setInterval(() => void lowest().then((position) => bar.update(position)), 250);
  try {
    await runner.start();
    if (!(await runner.waitFor(head, runner.names, NO_TIMEOUT_MS))) {
      const failed = (await runner.statuses()).filter((status) => status.lastError !== null);
      throw unavailable(
        `The events were imported, but the read models could not be folded: ${failed
          .map((status) => `${status.name}: ${status.lastError?.error}`)
          .join('; ')}. Start the api (or \`itp rebuild <projection>\`) to fold them again.`,
      );
    }
    const reached = await lowest();
    bar.update(reached);
    return reached;
  } finally {
    clearInterval(poll);
    bar.stop();
    await runner.stop();
    await eventStore.close();
    await readStore.close();
  }
}
