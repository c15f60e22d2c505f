import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@itp/event-store';
import { ApiKeyRegistry, API_KEY_REGISTRY, ITP_CONFIG, type ItpConfig } from '@itp/platform';
import { openEventStore } from '@itp/projections/backends/open-stores';

/** Chooses the adapters from the configuration: the only place that knows which backend runs. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ITP_CONFIG],
      // The same adapters the projector opens, from the same function.
      useFactory: (config: ItpConfig): EventStore => openEventStore(config),
    },
    {
      provide: API_KEY_REGISTRY,
      inject: [ITP_CONFIG],
      useFactory: (config: ItpConfig): ApiKeyRegistry => {
        if (config.apiKeysJson) return ApiKeyRegistry.fromJson(config.apiKeysJson);
        const { registry, filePath, created } = ApiKeyRegistry.fromDataDir(config.dataDir);
        new Logger('ApiKeys').log(
          `${created ? 'Created an admin API key' : 'Using the API keys'} in ${filePath} (ITP_API_KEYS is not set)`,
        );
        return registry;
      },
    },
  ],
  exports: [EVENT_STORE, API_KEY_REGISTRY],
})
export class BackendsModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.eventStore.close();
  }
}
