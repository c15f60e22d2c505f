/**
 * The one seam between a stored event and a domain event. Every event type names its schema history here:
 * an event is stored with the schema version current when it was appended (`metadata.schemaVersion`, 1 when
 * absent: events from before versioning), and is read back by lifting its data through the upcasters, in
 * order, to the current shape. Stored events are never rewritten; deciders and projections only ever see the
 * current shape, while audit views show the stored form.
 */

/** What the seam needs of a stored event; the event store's RecordedEvent has this shape. */
export type StoredEventLike = {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
};

/**
 * Lifts the data of one schema version to the next. Pure. It also gets the stored metadata, which may hold
 * what an old shape did not record in its data (e.g. the unit that sent the command).
 */
export type Upcaster = (
  data: Readonly<Record<string, unknown>>,
  metadata: Readonly<Record<string, unknown>>,
) => Record<string, unknown>;

/** One event type's history: `upcasters[0]` lifts version 1 to 2, and so on; current = upcasters.length + 1. */
export type EventSchema = { readonly upcasters: readonly Upcaster[] };

/** A type first stored in the shape it still has. */
export const FIRST_SCHEMA: EventSchema = { upcasters: [] };

/** The metadata key that records the schema version an event was stored in. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';

/** A map with exactly one schema per type of the union E: the compiler refuses a missing or an extra type. */
export type EventSchemas<E extends { type: string }> = { readonly [T in E['type']]: EventSchema };

export class UnknownEventTypeError extends Error {
  override readonly name = 'UnknownEventTypeError';
  constructor(readonly type: string) {
    super(`Event type ${JSON.stringify(type)} is not one of the domain's event types`);
  }
}

export class UnsupportedSchemaVersionError extends Error {
  override readonly name = 'UnsupportedSchemaVersionError';
  constructor(
    readonly type: string,
    readonly version: unknown,
    readonly current: number,
  ) {
    super(`${type} stored with schema version ${JSON.stringify(version)}; this build reads versions 1 to ${current}`);
  }
}

export type EventCatalogue<E extends { type: string; data: object }> = {
  readonly schemas: EventSchemas<E>;
  readonly types: readonly E['type'][];
  isType(type: string): type is E['type'];
  /** The version new events of this type are stored with; throws on a type that is not in the catalogue. */
  schemaVersion(type: string): number;
  /** The stored event in its current shape; throws on an unknown type or a version this build cannot read. */
  decode(stored: StoredEventLike): E;
};

export const eventCatalogue = <E extends { type: string; data: object }>(
  schemas: EventSchemas<E>,
): EventCatalogue<E> => {
  const types = Object.keys(schemas) as E['type'][];
  const known = new Set<string>(types);
  const isType = (type: string): type is E['type'] => known.has(type);
  const schemaOf = (type: E['type']): EventSchema => schemas[type];
  return {
    schemas,
    types,
    isType,
    schemaVersion(type) {
      if (!isType(type)) throw new UnknownEventTypeError(type);
      return schemaOf(type).upcasters.length + 1;
    },
    decode(stored) {
      if (!isType(stored.type)) throw new UnknownEventTypeError(stored.type);
      const { upcasters } = schemaOf(stored.type);
      const current = upcasters.length + 1;
      const version = stored.metadata[SCHEMA_VERSION_KEY] ?? 1;
      if (!Number.isInteger(version) || (version as number) < 1 || (version as number) > current) {
        throw new UnsupportedSchemaVersionError(stored.type, version, current);
      }
      let data = stored.data;
      for (let from = version as number; from < current; from++) data = upcasters[from - 1](data, stored.metadata);
      // The seam is the one place where stored JSON becomes a typed domain event: its type was checked above,
      // and its data is what the domain itself decided (hash-chained), lifted to the current shape.
      return { type: stored.type, data } as unknown as E;
    },
  };
};
