/** The type slug and title of a problem that only has a status to go by (framework and HTTP errors). */
const TITLES: Record<number, [string, string]> = {
  400: ['invalid-input', 'Invalid input'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  408: ['request-timeout', 'Request timeout'],
  409: ['conflict', 'Conflict'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Payload too large'],
  414: ['uri-too-long', 'URI too long'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable content'],
  431: ['header-fields-too-large', 'Request header fields too large'],
  500: ['internal-error', 'Internal server error'],
  503: ['unavailable', 'Service unavailable'],
};

export const problemSlug = (status: number): string => TITLES[status]?.[0] ?? `http-${status}`;
export const problemTitle = (status: number): string => TITLES[status]?.[1] ?? `HTTP ${status}`;
