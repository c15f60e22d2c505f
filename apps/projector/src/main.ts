import 'reflect-metadata';
import { ConfigurationError, loadConfig } from '@itp/platform';
import { runProjector } from './projector';

/** The production projection worker: folds the global log into the read models, outside the api. */
async function main(): Promise<void> {
  try {
    const config = loadConfig();
    await runProjector(config);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  }
}

void main();
