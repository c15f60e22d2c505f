import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm run build` writes the dashboard (apps/dashboard/build.ts), relative to the repository root. */
export const DASHBOARD_OUT_DIR = join('dist', 'dashboard');

/**
 * The built dashboard, found by walking up from this file: the same code runs from the sources (tests, tsx)
 * and from dist/apps/api/… (npm start, the container), at different depths below the root.
 */
export const findDashboardAssets = (from: string = __dirname): string | null => {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, DASHBOARD_OUT_DIR);
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
};

/**
 * The page and its assets are public (like /health and /api/docs); the data behind them is not. Same-origin
 * only: the bundle talks to this api and nothing else. Inline styles are allowed for the charts' tooltips.
 */
export const DASHBOARD_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
