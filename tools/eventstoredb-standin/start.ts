/**
 * Starts the EventStoreDB stand-in (FOR TESTS ONLY) and prints its connection string on stdout, e.g.
 *   npx tsx tools/eventstoredb-standin/start.ts [--port 2113] [--system-event-every 3]
 * then, in another terminal:
 *   EVENTSTORE_CONNECTION_STRING='esdb://127.0.0.1:2113?tls=false' npx jest --selectProjects integration libs/event-store/src/eventstoredb
 * Data lives in memory and is lost when this process ends. Stops on SIGINT / SIGTERM.
 */
import { EventStoreDbStandIn } from './standin';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a non-negative integer`);
  return value;
}

async function main(): Promise<void> {
  const standIn = await EventStoreDbStandIn.create({
    port: option('port', 0),
    systemEventEvery: option('system-event-every', 3),
  });
  process.stdout.write(`${standIn.connectionString}\n`);
  process.stderr.write('EventStoreDB stand-in for tests (in memory, not a database). Ctrl-C to stop.\n');
  const stop = (): void => {
    standIn.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
