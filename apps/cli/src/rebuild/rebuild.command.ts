import { PROJECTION_NAMES } from './projection-names';
import { REBUILD_HALTED } from '@itp/event-store/notary';
import { rebuildProjection } from '../../../projector/src/rebuild-command';
import { CliError, EXIT, unavailable, usageError, type ExitCode } from '../shared/cli-errors';
import { cliConfig } from '../shared/stores';

/**
 * `itp rebuild <projection>`: the projector's rebuild (apps/projector/src/rebuild-command.ts), unchanged: builds
 * beside the live collection, switches readers over, exits. A writer: run it with the projector worker stopped
 * (online, use the admin endpoint); it is refused while another process writes the read models.
 * It verifies the log as it reads it (ADR 0008): on a break it halts before ingesting the batch, readers keep
 * their model, and it exits 1 naming the break (stream and revision, or position).
 */
export async function rebuildCommand(name: string): Promise<ExitCode> {
  if (!PROJECTION_NAMES.includes(name))
    throw usageError(`Unknown projection "${name}"; known: ${PROJECTION_NAMES.join(', ')}`);
  const config = cliConfig();
  const { switched, status } = await rebuildProjection(config, name);
  const failure = status?.lastError;
  if (!switched && failure?.error.startsWith(REBUILD_HALTED))
    throw new CliError(
      `The rebuild of ${name} halted: the stored history does not verify at position ${failure.position}${failure.streamId ? ` (stream ${failure.streamId})` : ''}. ${failure.error}. Readers keep the model they had; nothing of the broken batch was ingested.`,
      EXIT.failed,
    );
  if (!switched)
    throw unavailable(`The rebuild of ${name} did not complete: readers keep the model they had (see the log above).`);
  return EXIT.ok;
}
