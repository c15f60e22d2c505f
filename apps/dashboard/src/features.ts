/**
 * The parts of issue 12 that the backend delivers, and whether main has them yet. The dashboard shows a feature
 * only when its flag is on, and the browser suite tests it only then (and says loudly that it skipped it).
 * - exports: every report and list answers `?format=csv|xlsx` (item 2): the download buttons.
 * - promotion: GET /api/v1/reports/promotion?year= (item 4): the promotion page.
 * - stale: stale projects in the monthly dispatch and GET /api/v1/projects?stale=true (item 3): the project
 *   library's "stale only" filter (the dispatch page shows stale projects whenever the dispatch carries them).
 * - readScopes: reads follow the key's cities (docs/adr/0009-read-scopes.md): the scoped-reporter checks.
 */
export const FEATURES = {
  exports: true,
  promotion: true,
  stale: true,
  readScopes: true,
} as const;
