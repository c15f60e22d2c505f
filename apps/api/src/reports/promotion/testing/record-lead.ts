import type { ProjectEvent, ProjectRegistered } from '@itp/domain';
import { projectRegistered } from '@itp/domain/testing/project-events';
import type { eventLog } from '@itp/projections/testing/recorded-events';

/** Records a lead into `log`: its registration (named by its id) with `overrides`, then what `more` makes of it. */
export const leadRecorder =
  (log: ReturnType<typeof eventLog>) =>
  (
    id: string,
    overrides: Parameters<typeof projectRegistered>[0],
    more: (registered: ProjectRegistered) => ProjectEvent[],
  ): void => {
    const registered = projectRegistered({ projectId: id, name: id, parkId: null, ...overrides });
    log.record(`project-${id}`, [registered, ...more(registered)]);
  };
