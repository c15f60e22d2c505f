import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDashboard } from '../../apps/dashboard/build';
import type { Send } from '../../scripts/demo/client';
import { loadDemoData } from '../../scripts/demo/loader';
import { KEYS, startApi, type ApiHarness } from '../support/api-harness';

/** Debian's chromium (apt-get install chromium fonts-noto-cjk); never a browser download. */
export const CHROMIUM = process.env.ITP_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);

/** Says loudly that the browser suites cannot run here, and how to make them run. */
export const warnNoChromium = (suite: string): void => {
  const line = '!'.repeat(100);
  console.warn(
    `${line}\n!! ${suite}: SKIPPED, no Chromium at ${CHROMIUM}.\n` +
      `!! Install it with: apt-get update && apt-get install -y chromium fonts-noto-cjk\n${line}`,
  );
};

export const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');

/** The keys of the browser suite: every reading role, and one reporter scoped to a single city (Hengyang). */
export const BROWSER_KEYS = {
  admin: KEYS.admin,
  auditor: 'browser-auditor-key-00000001',
  reporter: 'browser-reporter-key-0000001',
  reporterHengyang: 'browser-reporter-hengyang-01',
  integration: 'browser-integration-key-0001',
} as const;

const API_KEYS = [
  { key: BROWSER_KEYS.admin, role: 'admin', unit: 'provincial-commerce-department', cities: '*', actor: 'admin-user' },
  { key: BROWSER_KEYS.auditor, role: 'auditor', unit: 'audit-office', cities: '*', actor: 'auditor-1' },
  { key: BROWSER_KEYS.reporter, role: 'reporter', unit: 'statistics-office', cities: '*', actor: 'reporter-1' },
  {
    key: BROWSER_KEYS.reporterHengyang,
    role: 'reporter',
    unit: 'hengyang-commerce-bureau',
    cities: ['430400'],
    actor: 'hengyang-reporter',
  },
  {
    key: BROWSER_KEYS.integration,
    role: 'integration',
    unit: 'hengyang-commerce-bureau',
    cities: ['430400'],
    actor: 'hengyang-client',
  },
];

export type DashboardApi = { api: ApiHarness; baseUrl: string };

/**
 * Builds the dashboard (as `npm run build` does), starts a fresh api on a real port of 127.0.0.1 with "now" on
 * the last day of 2014, and loads the demo year through its command API (in-process, as the demo spec does).
 */
export async function startDashboardApi(): Promise<DashboardApi> {
  await buildDashboard();
  const api = await startApi({ now: '2014-12-31T04:00:00Z', env: { ITP_API_KEYS: JSON.stringify(API_KEYS) } });
  const send: Send = (request) =>
    api.request(request.method, request.path, {
      body: request.body,
      headers: request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {},
    });
  await loadDemoData(send);
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  return { api, baseUrl: `http://127.0.0.1:${port}` };
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });

/** A full-page screenshot into test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The text of the element with this data-testid, once it is there. */
export async function textOf(page: Page, testId: string): Promise<string> {
  const locator = page.getByTestId(testId).first();
  await locator.waitFor();
  return ((await locator.textContent()) ?? '').trim();
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, baseUrl: string, key: string, hash = ''): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
  await page.getByTestId('api-key').fill(key);
  await page.getByTestId('sign-in-button').click();
  await page.locator('header.bar').waitFor();
}
