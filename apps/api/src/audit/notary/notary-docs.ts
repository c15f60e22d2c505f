import { AUTH_PROBLEMS, type ErrorStatus } from '../../shared/openapi/api-responses';

export const NOTARY_DISABLED =
  'The api runs with ITP_NOTARY=false: there is no global chain, checkpoint or signing key';

/** What every notary route that reads the log or the notary's store may answer besides its own success. */
export const notaryProblems = (extra: Partial<Record<ErrorStatus, string>> = {}) => ({
  ...AUTH_PROBLEMS,
  409: NOTARY_DISABLED,
  503: 'The event store cannot be reached (Retry-After)',
  ...extra,
});
