import { problem, ProblemException } from '../problem-details/problem-details';
import { invalidInput } from '../problem-details/validation-problem';
import { normalizeText, textProblem } from './clean-text';

/**
 * How deep a request body may nest. ITP's deepest body is three levels (a project's introducers); the cap keeps
 * every recursive walk after the parser (validation, canonical JSON for the request hash) far from the stack's end.
 */
export const MAX_JSON_DEPTH = 32;
/** At most this many bad fields are named in one answer. */
const MAX_NAMED = 20;

const bodyProblem = (message: string) =>
  new ProblemException(
    problem(400, 'invalid-input', 'Invalid input', {
      detail: `The body ${message}.`,
      errors: [{ field: 'body', message: `body ${message}` }],
    }),
  );

/** The charset a content type declares; UTF-8 (RFC 8259 §8.1) is the only one read. */
export function assertUtf8ContentType(contentType: string | undefined): void {
  const charset = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType ?? '')?.[2]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return;
  throw new ProblemException(
    problem(415, 'unsupported-media-type', 'Unsupported media type', {
      detail: `JSON bodies are read as UTF-8 only; charset "${charset}" is not accepted.`,
    }),
  );
}

/** The bytes as UTF-8 text; a byte sequence that is not UTF-8 is refused, never replaced with U+FFFD. */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw bodyProblem('is not valid UTF-8');
  }
}

/** Checks the nesting of JSON text in one pass without recursion, before anything parses it. */
export function assertJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index++; // backslash: the next character is escaped
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > maxDepth) throw bodyProblem(`is nested deeper than ${maxDepth} levels`);
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
}

const fieldPath = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;

/**
 * Walks a parsed body (its depth already bounded): every string value and key must be clean text (see
 * clean-text.ts); string values are normalised to NFC in place. Names every bad field as the validation does.
 */
export function cleanParsedBody(body: unknown): unknown {
  const errors: { field: string; message: string }[] = [];
  const pending: { value: unknown; path: string }[] = [{ value: body, path: '' }];
  const visit = (container: Record<string, unknown> | unknown[], key: string | number, path: string) => {
    const value = (container as Record<string | number, unknown>)[key];
    if (typeof value === 'string') {
      const problemText = textProblem(value);
      if (problemText) errors.push({ field: path, message: `${path} ${problemText}` });
      else (container as Record<string | number, unknown>)[key] = normalizeText(value);
    } else if (value !== null && typeof value === 'object') pending.push({ value, path });
  };
  while (pending.length > 0 && errors.length < MAX_NAMED) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      const problemText = textProblem(value);
      if (problemText) errors.push({ field: 'body', message: `body ${problemText}` });
      else return normalizeText(value);
    } else if (Array.isArray(value)) {
      value.forEach((_item, index) => visit(value, index, fieldPath(path, index)));
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        const keyProblem = textProblem(key);
        if (keyProblem) errors.push({ field: fieldPath(path, key), message: `field name ${keyProblem}` });
        else visit(value as Record<string, unknown>, key, fieldPath(path, key));
      }
    }
  }
  if (errors.length > 0) throw invalidInput(errors.sort((a, b) => a.field.localeCompare(b.field)));
  return body;
}

type Done = (error: Error | null, body?: unknown) => void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonParse = (request: any, text: string, done: Done) => void;

/**
 * The one parser of `application/json` bodies: UTF-8 only (415 for another charset, 400 for bytes that are not
 * UTF-8), nesting bounded before parsing (400), Fastify's own prototype-poisoning-safe JSON.parse, then clean
 * text in every string (400 naming the field) normalised to NFC.
 */
export const strictJsonParser =
  (secureParse: JsonParse) =>
  (request: { headers: Record<string, string | string[] | undefined> }, bytes: Buffer, done: Done): void => {
    try {
      assertUtf8ContentType(String(request.headers['content-type'] ?? ''));
      const text = decodeUtf8(bytes);
      assertJsonDepth(text);
      secureParse(request, text, (error, parsed) => {
        if (error) return done(bodyProblem(text.trim() === '' ? 'must not be empty' : 'is not valid JSON'));
        try {
          done(null, cleanParsedBody(parsed));
        } catch (cleanError) {
          done(cleanError as Error);
        }
      });
    } catch (error) {
      done(error as Error);
    }
  };
