/** A collection cannot be dropped while an alias points at it: readers would lose the live read model. */
export class CollectionInUseError extends Error {
  override readonly name = 'CollectionInUseError';
  constructor(
    readonly collection: string,
    readonly aliases: readonly string[],
  ) {
    super(`Collection ${collection} is the target of alias(es) ${aliases.join(', ')}`);
  }
}

/** A name, position or document that no adapter could store the same way. */
export class InvalidReadStoreInputError extends Error {
  override readonly name = 'InvalidReadStoreInputError';
}

/** The backend cannot be reached or answered in an unexpected way. */
export class ReadStoreUnavailableError extends Error {
  override readonly name = 'ReadStoreUnavailableError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
