import type { RecordedEvent } from '@itp/event-store';
import { projectLibraryProjection, type Projection, type ProjectLibraryDocument } from '@itp/projections';
import { advanceSlot } from '@itp/projections/runner/advance-slot';
import { newSlot } from '@itp/projections/runner/projection-slot';
import { DEFAULT_CATCH_UP_COMMIT } from '@itp/projections/shared/catch-up-commit';
import { silentLogger } from '@itp/projections/shared/projection-status';
import { EmbeddedReadStore } from '@itp/read-store';

/**
 * The project library in an embedded read store in memory, fed as the live runner feeds it (each delivery one batch
 * through `advanceSlot`, committed with the store's own patch of what it holds): for specs of reports that the store
 * derives per document and remembers.
 */
export const embeddedLibrary = () => {
  const store = new EmbeddedReadStore({ filePath: ':memory:' });
  const slot = newSlot(projectLibraryProjection as Projection);
  return {
    store,
    projects: () => store.collection<ProjectLibraryDocument>(projectLibraryProjection.collection),
    deliver: (events: readonly RecordedEvent[]) =>
      advanceSlot(
        store,
        slot,
        { events: [...events], position: events.at(-1)!.position, live: true },
        silentLogger,
        DEFAULT_CATCH_UP_COMMIT,
      ),
    close: () => store.close(),
  };
};
