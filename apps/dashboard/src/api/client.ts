import type { ProblemDetails, ReadScope } from './types';

/** An answer other than 2xx, with the api's problem details when it sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDetails | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

const problemOf = async (response: Response): Promise<ProblemDetails | null> => {
  try {
    return (await response.json()) as ProblemDetails;
  } catch {
    return null;
  }
};

const send = async (path: string, apiKey: string, accept: string): Promise<Response> => {
  const response = await fetch(path, { headers: { authorization: `Bearer ${apiKey}`, accept } });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response;
};

/** The scope the api applied to an answer (header X-Read-Scope, ADR 0009): '*' or the key's city codes. */
const readScopeOf = (response: Response): ReadScope | null => {
  const header = response.headers.get('x-read-scope');
  if (header === null || header.trim() === '') return null;
  return header.trim() === '*' ? '*' : header.split(',').map((code) => code.trim());
};

/** GET a JSON answer of the query API with the signed-in key, and the read scope it was narrowed to. */
export const getAnswer = async <T>(path: string, apiKey: string): Promise<{ data: T; readScope: ReadScope | null }> => {
  const response = await send(path, apiKey, 'application/json');
  return { data: (await response.json()) as T, readScope: readScopeOf(response) };
};

export const getJson = async <T>(path: string, apiKey: string): Promise<T> => (await getAnswer<T>(path, apiKey)).data;

export type ExportFormat = 'csv' | 'xlsx';

const FILE_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const fileNameOf = (response: Response, fallback: string): string => {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
};

/**
 * Downloads a report as a file. A link cannot carry the Bearer key, so the file is fetched with it and handed
 * to the browser as a blob (the key never appears in a URL).
 */
export const downloadExport = async (
  path: string,
  format: ExportFormat,
  apiKey: string,
  fallbackName: string,
): Promise<string> => {
  const separator = path.includes('?') ? '&' : '?';
  const response = await send(`${path}${separator}format=${format}`, apiKey, FILE_TYPES[format]);
  const name = fileNameOf(response, `${fallbackName}.${format}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
};
