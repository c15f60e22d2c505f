/**
 * The loader's only way to the platform: one function that sends a request to the command API.
 * `fetchSender` sends it over HTTP; the e2e test passes an adapter to the in-process api instead.
 */

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** Header names in lower case. */
  headers: Record<string, unknown>;
}

export type Send = (request: ApiRequest) => Promise<ApiResponse>;

/** Sends to a running api with global fetch (Node 20), authenticated with a bearer API key. */
export const fetchSender =
  (baseUrl: string, apiKey: string | null): Send =>
  async (request) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    const response = await fetch(new URL(request.path, baseUrl), {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name.toLowerCase()] = value;
    });
    return { status: response.status, body, headers: responseHeaders };
  };

/** A command the api refused (or an answer the loader did not expect): stops the load. */
export class DemoLoadError extends Error {
  override readonly name = 'DemoLoadError';
  constructor(
    readonly request: ApiRequest,
    readonly response: ApiResponse,
  ) {
    super(`${request.method} ${request.path} answered ${response.status}`);
  }

  /** What to print: the request, its Idempotency-Key and the problem details of the answer. */
  describe(): string {
    const lines = [
      `${this.request.method} ${this.request.path} (Idempotency-Key: ${this.request.idempotencyKey ?? '-'}) answered ${this.response.status}`,
      'Problem details:',
      JSON.stringify(this.response.body, null, 2),
    ];
    if (this.request.body !== undefined) lines.push('Request body:', JSON.stringify(this.request.body, null, 2));
    const hint = hintFor(this.response);
    if (hint) lines.push(`Hint: ${hint}`);
    return lines.join('\n');
  }
}

const hintFor = ({ status, body }: ApiResponse): string | undefined => {
  const type = typeof body === 'object' && body !== null ? String((body as { type?: unknown }).type ?? '') : '';
  if (status === 401)
    return 'the API key was not accepted: set ITP_API_KEY, or ITP_DATA_DIR to the data directory of the running api.';
  if (status === 403)
    return 'the demo needs an admin key with every city in scope (exchange rates are set by admins only).';
  if (type.endsWith('/idempotency-key-reused')) {
    return 'this data directory already holds demo data loaded from different values; load the demo into a fresh ITP_DATA_DIR.';
  }
  if (status === 409 || status === 400 || status === 422) {
    return 'if this data directory was loaded with another API key, the keys of that run do not match (Idempotency-Keys are scoped to the key): use the same key or a fresh ITP_DATA_DIR.';
  }
  return undefined;
};

/** Counts, per kind of record, the commands that appended events and those the api had already applied. */
export class Tally {
  readonly rows = new Map<string, { created: number; present: number }>();

  add(kind: string, replayed: boolean): void {
    const row = this.rows.get(kind) ?? { created: 0, present: 0 };
    if (replayed) row.present += 1;
    else row.created += 1;
    this.rows.set(kind, row);
  }

  get created(): number {
    return [...this.rows.values()].reduce((sum, row) => sum + row.created, 0);
  }

  get present(): number {
    return [...this.rows.values()].reduce((sum, row) => sum + row.present, 0);
  }
}

export interface CommandAnswer {
  id: string;
  revision: number;
  position: number;
  problemId?: string;
}

/** Sends one command with its Idempotency-Key; any status but 200/201 stops the load with the problem details. */
export const sendCommand = async (
  send: Send,
  tally: Tally,
  kind: string,
  request: ApiRequest,
): Promise<CommandAnswer> => {
  const response = await send(request);
  if (response.status !== 200 && response.status !== 201) throw new DemoLoadError(request, response);
  const body = response.body as CommandAnswer | undefined;
  if (typeof body?.id !== 'string') throw new DemoLoadError(request, response);
  tally.add(kind, String(response.headers['idempotent-replayed']) === 'true');
  return body;
};
