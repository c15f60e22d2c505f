export * from './event-store.port';
export * from './event-store.errors';
export * from './hash-chain/hash-chain';
export * from './eventstoredb/eventstoredb-event-store';
export * from './eventstoredb/deterministic-event-id';
export * from './sqlite/sqlite-event-store';
