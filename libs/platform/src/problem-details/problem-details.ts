/** RFC 9457 problem details, as every error of the HTTP API is answered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** For 400s: every bad field, with what is wrong with it. */
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://itp.hunan.gov.cn/problems/';

export const problemType = (slug: string) => `${TYPE_BASE}${slug}`;

export function problem(
  status: number,
  slug: string,
  title: string,
  extra: Omit<Partial<ProblemDetails>, 'status' | 'type' | 'title'> = {},
): ProblemDetails {
  return { type: problemType(slug), title, status, ...extra };
}

/** Thrown anywhere in the HTTP layer to answer a given problem as it is. */
export class ProblemException extends Error {
  constructor(
    readonly problem: ProblemDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
  }
}
