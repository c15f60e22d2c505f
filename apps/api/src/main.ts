import 'reflect-metadata';
import { ConfigurationError, loadConfig } from '@itp/platform';
import { DataDirInUseError } from '@itp/platform/data-dir/writer-lock';
import { createApiApp } from './bootstrap';
import { heapLimitNotice } from './heap-limit';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  let app;
  try {
    app = await createApiApp(config);
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  await app.listen(config.port, '0.0.0.0');
  console.log(
    `ITP api listening on http://localhost:${config.port} (event store: ${config.eventStore.backend}, read store: ${config.readStore.backend}; ${heapLimitNotice()}); OpenAPI at /api/docs`,
  );
}

void main();
