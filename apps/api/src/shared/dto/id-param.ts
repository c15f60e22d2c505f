import { Param, type PipeTransform } from '@nestjs/common';
import { invalidInput } from '@itp/platform';

/** An id as the domain takes it (see ID_PATTERN in the OpenAPI document). */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/**
 * A command's path id, checked before anything else reads it: an empty or malformed id is a 400 naming the
 * parameter, never an If-Match verdict (412) on a stream that cannot exist.
 */
export class IdParamPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}

  transform(value: unknown): string {
    if (typeof value === 'string' && ID.test(value)) return value;
    throw invalidInput([
      {
        field: this.name,
        message: 'must be an id: 1-128 letters, digits, "_", ".", ":" or "-", starting with a letter or digit',
      },
    ]);
  }
}

/** `@IdParam('id')`: the path parameter, checked as an id. */
export const IdParam = (name = 'id') => Param(name, new IdParamPipe(name));
