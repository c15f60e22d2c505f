import type { JsonSchema } from './read-model-schemas';

/**
 * MongoDB's `$jsonSchema` is JSON Schema draft 4 without `$ref`, `$schema`, `$id`, `format`, `const` or the
 * `integer` type, and it refuses what it does not know. This turns a published schema (draft 2020-12, local
 * `$defs` references only) into that dialect:
 * - `$ref: '#/$defs/x'` is inlined; `$schema`, `$id`, `$defs` and `$comment` go;
 * - `const: v` becomes `enum: [v]`; `integer` becomes `number` (the driver stores a large integer as a double);
 * - `format: date | date-time` becomes the equivalent `pattern` (the calendar check is left to the published
 *   schema: a validator only guards the shape).
 * Any other keyword throws, so a schema that MongoDB would refuse is caught by the unit spec, not in production.
 */
const PASSED_AS_IS = new Set([
  'type',
  'enum',
  'description',
  'title',
  'required',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
]);
const SUBSCHEMA = new Set(['items', 'not', 'additionalProperties']);
const SUBSCHEMA_LIST = new Set(['anyOf', 'oneOf', 'allOf']);
const SUBSCHEMA_MAP = new Set(['properties', 'patternProperties']);
const DROPPED = new Set(['$schema', '$id', '$defs', '$comment']);

const FORMAT_PATTERNS: Record<string, string> = {
  date: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  'date-time': '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$',
};

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function toMongoJsonSchema(schema: JsonSchema): JsonSchema {
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  const convert = (node: unknown, path: string, seen: readonly string[]): unknown => {
    if (typeof node === 'boolean') return node;
    if (!isObject(node)) throw new Error(`${path}: a schema must be an object or a boolean`);
    if (typeof node.$ref === 'string') {
      const name = /^#\/\$defs\/([^/]+)$/.exec(node.$ref)?.[1];
      if (name === undefined || !isObject(defs[name])) throw new Error(`${path}: unresolvable $ref ${node.$ref}`);
      if (seen.includes(name)) throw new Error(`${path}: recursive $ref ${node.$ref}`);
      const { $ref: _ref, ...siblings } = node;
      const target = convert(defs[name], `#/$defs/${name}`, [...seen, name]) as JsonSchema;
      const rest = convert(siblings, path, seen) as JsonSchema;
      // Siblings of a $ref (a description, say) apply too: both must hold.
      return Object.keys(rest).length === 0 ? target : { allOf: [target, rest] };
    }
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}/${key}`;
      if (DROPPED.has(key)) continue;
      if (key === 'type') {
        const types = (Array.isArray(value) ? value : [value]).map((t) => (t === 'integer' ? 'number' : t));
        out.type = Array.isArray(value) ? [...new Set(types)] : types[0];
      } else if (key === 'const') out.enum = [value];
      else if (key === 'format') {
        const pattern = FORMAT_PATTERNS[String(value)];
        if (pattern === undefined) throw new Error(`${at}: no MongoDB equivalent for format ${String(value)}`);
        if (node.pattern === undefined) out.pattern = pattern;
      } else if (PASSED_AS_IS.has(key)) {
        if (!(key === 'pattern' && out.pattern !== undefined)) out[key] = value;
      } else if (SUBSCHEMA.has(key)) out[key] = convert(value, at, seen);
      else if (SUBSCHEMA_LIST.has(key) && Array.isArray(value))
        out[key] = value.map((item, i) => convert(item, `${at}/${i}`, seen));
      else if (SUBSCHEMA_MAP.has(key) && isObject(value))
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, `${at}/${k}`, seen)]));
      else throw new Error(`${at}: keyword ${key} has no MongoDB $jsonSchema equivalent`);
    }
    return out;
  };
  return convert(schema, '#', []) as JsonSchema;
}
