import { PROJECTION_NAMES } from './projection-names';
import { rebuildCommand as rebuildProjection } from '../../../projector/src/rebuild-command';
import { EXIT, unavailable, usageError, type ExitCode } from '../shared/cli-errors';
import { cliConfig } from '../shared/stores';

/**
 * `itp rebuild <projection>`: the projector's rebuild (apps/projector/src/rebuild-command.ts), unchanged: builds
 * beside the live collection, switches readers over, exits. A writer: run it with the projector worker stopped
 * (online, use the admin endpoint); it is refused while another process writes the read models.
 */
export async function rebuildCommand(name: string): Promise<ExitCode> {
  if (!PROJECTION_NAMES.includes(name))
    throw usageError(`Unknown projection "${name}"; known: ${PROJECTION_NAMES.join(', ')}`);
  const config = cliConfig();
  if (!(await rebuildProjection(config, name)))
    throw unavailable(`The rebuild of ${name} did not complete: readers keep the model they had (see the log above).`);
  return EXIT.ok;
}
