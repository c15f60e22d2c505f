import 'reflect-metadata';
import { ConfigurationError, loadConfig } from '@itp/platform';
import { DataDirInUseError } from '@itp/platform/data-dir/writer-lock';
import { runProjector } from './projector';
import { rebuildCommand } from './rebuild-command';

const USAGE =
  'usage: projector            run the projection worker until SIGTERM\n       projector rebuild <name>   rebuild one projection (with the worker stopped), then exit';

/** The production projection worker: folds the global log into the read models, outside the api. */
async function main(argv: string[]): Promise<void> {
  try {
    const config = loadConfig();
    if (argv.length === 0) {
      await runProjector(config);
      return;
    }
    if (argv[0] === 'rebuild' && argv.length === 2) {
      process.exitCode = (await rebuildCommand(config, argv[1])) ? 0 : 1;
      return;
    }
    console.error(USAGE);
    process.exitCode = 2;
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof DataDirInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  }
}

void main(process.argv.slice(2));
