import { DomainValidationError } from '@itp/domain';

/**
 * The domain names an amendment's fields under `changes.` (`changes.city`), but a PATCH body carries them at
 * its top level (`city`), as the validation pipe names them too. Renames the fields of a refusal so that every
 * 400 names the field as the client sent it; a bare `changes` (nothing changed) still names the body as a whole.
 */
export async function namingBodyFields<T>(command: Promise<T>, domainPrefix = 'changes.'): Promise<T> {
  try {
    return await command;
  } catch (error) {
    if (!(error instanceof DomainValidationError)) throw error;
    throw new DomainValidationError(
      error.errors.map((e) =>
        e.field.startsWith(domainPrefix) ? { ...e, field: e.field.slice(domainPrefix.length) } : e,
      ),
    );
  }
}
