import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  BROWSER_KEYS,
  chromiumAvailable,
  launchChromium,
  screenshot,
  signIn,
  startDashboardApi,
  textOf,
  warnNoChromium,
  type DashboardApi,
} from './browser-support';
import {
  ASSESSMENT_2014,
  BULLETIN_2014_Q2,
  DISPATCH_2014_06,
  HENGYANG_REPORTER,
  OPEN_PROBLEMS_2014_12_31,
  PROMOTION_2014,
  RED_STAR_YUEYANG,
  STALE_2014_06,
  STALE_ON_2014_12_31,
  TARGETS_2014,
} from './demo-totals';
import { FEATURES } from '../../apps/dashboard/src/features';

const HAVE_CHROMIUM = chromiumAvailable();
if (!HAVE_CHROMIUM) warnNoChromium('the dashboard browser suite (test/browser/dashboard.e2e.spec.ts)');

/** A test of a backend feature of issue 12 that main may not have yet: skipped, and said so, until it has. */
const itOnceLanded = (feature: keyof typeof FEATURES): jest.It => {
  if (FEATURES[feature]) return it;
  if (HAVE_CHROMIUM)
    console.warn(
      `!! dashboard browser suite: the ${feature} tests are SKIPPED until the backend lands (FEATURES.${feature})`,
    );
  return it.skip;
};

/**
 * The officials' dashboard in a real browser (headless Chromium from Debian, driven by playwright-core), on a
 * fresh api holding the demo year, "now" 2014-12-31. Every figure checked below was worked out by hand from the
 * demo data (demo-totals.ts says how). Screenshots of every page go to test-output/screenshots/.
 */
(HAVE_CHROMIUM ? describe : describe.skip)('the dashboard in a browser, on the demo year', () => {
  let server: DashboardApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startDashboardApi();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.api.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    // Any script error, console error or missing asset fails the test that caused it. The api's own refusals
    // (401 at sign-in, 403 for history, 404 for another city's project) are what some tests check.
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(`console error: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith('/api/'))
        problems.push(`${response.status()} for ${response.url()}`);
    });
  });

  afterEach(async () => {
    await context.close();
    expect(problems.splice(0)).toEqual([]);
  });

  it('refuses keys it does not know and roles that may not read; keeps the key in session storage only', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('sign-in').waitFor();
    await screenshot(page, '00-sign-in');

    await page.getByTestId('api-key').fill('not-a-key-of-this-platform');
    await page.getByTestId('sign-in-button').click();
    expect(await textOf(page, 'sign-in-error')).toContain('密钥无效');

    await page.getByTestId('api-key').fill(BROWSER_KEYS.integration);
    await page.getByTestId('sign-in-button').click();
    await page.getByText('这个密钥的角色不能查询报表').waitFor();

    await page.getByTestId('api-key').fill(BROWSER_KEYS.reporter);
    await page.getByTestId('sign-in-button').click();
    await page.locator('header.bar').waitFor();
    // Evaluated in the page (strings: the test itself is compiled without the DOM's types).
    const stored = await page.evaluate<{ session: string | null; local: string; cookies: string }>(
      '({ session: sessionStorage.getItem("itp.apiKey"), local: JSON.stringify(localStorage), cookies: document.cookie })',
    );
    expect(stored.session).toBe(BROWSER_KEYS.reporter);
    expect(stored.local).not.toContain(BROWSER_KEYS.reporter);
    expect(stored.cookies).toBe('');

    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    expect(await page.evaluate('sessionStorage.getItem("itp.apiKey")')).toBeNull();
  }, 60_000);

  it('Targets: each figure of 2014 against its target, and the projects behind a count one click away', async () => {
    await signIn(page, server.baseUrl, BROWSER_KEYS.reporter, '#/targets?year=2014');
    for (const [key, counted] of Object.entries(TARGETS_2014)) {
      expect([key, await textOf(page, `target-${key}-counted`)]).toEqual([key, counted]);
    }
    expect(await textOf(page, 'target-transferProjects-target')).toBe('130 (150)');
    expect(await textOf(page, 'target-standardFactory-target')).toBe('10,000,000 m²');
    await page.getByTestId('targets-chart').locator('canvas').first().waitFor();

    await page.getByTestId('target-transferProjects-show').click();
    const rows = page.getByTestId('behind-table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    await screenshot(page, '01-targets');

    await page.getByTestId('target-xiangnanMajorProjects-show').click();
    await page.getByText('Yuehua fine chemicals base (salt chemical downstream)').waitFor();
    // Yuehua is also among the 20 transfer projects shown before: wait for the table to be re-rendered (it fails
    // after 10 s if it never shows 8 rows), then count.
    await page.waitForFunction(
      'document.querySelectorAll(\'[data-testid="behind-table"] tbody tr\').length === 8',
      undefined,
      { timeout: 10_000 },
    );
    expect(await page.getByTestId('behind-table').locator('tbody tr').count()).toBe(8);

    await page.getByRole('link', { name: 'Yuehua fine chemicals base (salt chemical downstream)' }).click();
    expect(await textOf(page, 'project-stage')).toBe('签约');
  }, 60_000);

  it('Monthly dispatch 2014-06: the major projects, investment this month and to date, open problems', async () => {
    await signIn(page, server.baseUrl, BROWSER_KEYS.reporter, '#/dispatch?month=2014-06');
    expect(await textOf(page, 'dispatch-projects')).toBe(DISPATCH_2014_06.projects);
    expect(await textOf(page, 'dispatch-this-month')).toBe(DISPATCH_2014_06.thisMonth);
    expect(await textOf(page, 'dispatch-to-date')).toBe(DISPATCH_2014_06.toDate);
    expect(await textOf(page, 'dispatch-open-problems')).toBe(DISPATCH_2014_06.openProblems);
    expect(await page.getByTestId('dispatch-row').count()).toBe(13);
    const changsha = await page.getByTestId('dispatch-city-430100').locator('td').allTextContents();
    expect(changsha).toEqual([
      '长沙',
      DISPATCH_2014_06.changsha.projects,
      DISPATCH_2014_06.changsha.projects,
      DISPATCH_2014_06.changsha.thisMonth,
      DISPATCH_2014_06.changsha.toDate,
      '0',
    ]);
    const redStar = page.getByTestId('dispatch-row').filter({ hasText: RED_STAR_YUEYANG.name });
    expect(await redStar.locator('.badge').first().textContent()).toBe('暂停');
    expect(await redStar.textContent()).toContain('Regulatory plan revision for the mall plot');
    await screenshot(page, '02-monthly-dispatch');
  }, 60_000);

  it('Quarterly bulletin 2014-Q2: the city ranking with quarter and year-to-date figures, and the charts', async () => {
    await signIn(page, server.baseUrl, BROWSER_KEYS.reporter, '#/bulletin?quarter=2014-Q2');
    expect(await textOf(page, 'bulletin-quarter-projects')).toBe(BULLETIN_2014_Q2.quarterProjects);
    expect(await textOf(page, 'bulletin-quarter-amount')).toBe(BULLETIN_2014_Q2.quarterAmount);
    expect(await textOf(page, 'bulletin-ytd-projects')).toBe(BULLETIN_2014_Q2.ytdProjects);
    expect(await textOf(page, 'bulletin-ytd-amount')).toBe(BULLETIN_2014_Q2.ytdAmount);
    const ranked = page.getByTestId('bulletin-ranking').locator('tbody tr');
    for (const [index, expected] of BULLETIN_2014_Q2.ranking.entries()) {
      const cells = await ranked.nth(index).locator('td').allTextContents();
      expect(ranked.nth(index)).toBeTruthy();
      expect([await ranked.nth(index).getAttribute('data-testid'), cells[0], cells[4], cells[5]]).toEqual([
        `bulletin-city-${expected.city}`,
        expected.rank,
        expected.ytdProjects,
        expected.ytdAmount,
      ]);
    }
    await page.getByTestId('chart-source-region').locator('canvas').first().waitFor();
    await page.getByTestId('chart-industry').locator('canvas').first().waitFor();
    await screenshot(page, '03-quarterly-bulletin');
  }, 60_000);

  it('Problems board: open problems by owning unit and age, oldest first', async () => {
    await signIn(page, server.baseUrl, BROWSER_KEYS.reporter, '#/problems');
    expect(await textOf(page, 'problems-open')).toBe(OPEN_PROBLEMS_2014_12_31.open);
    expect(await page.getByTestId('problem-age').allTextContents()).toEqual(OPEN_PROBLEMS_2014_12_31.ages);
    const units = await page.getByTestId('problems-by-unit').locator('tbody tr td:first-child').allTextContents();
    expect(units).toEqual(OPEN_PROBLEMS_2014_12_31.units);
    await screenshot(page, '04-problems');
  }, 60_000);

  it('Assessment: the introducing units ranked by what the counted projects credit them', async () => {
    await signIn(page, server.baseUrl, BROWSER_KEYS.reporter, '#/assessment?year=2014');
    expect(await textOf(page, 'assessment-counted')).toBe(ASSESSMENT_2014.counted);
    const rows = page.getByTestId('assessment-table').locator(':scope > tbody > tr');
    expect(await rows.nth(0).locator('td').allTextContents()).toEqual(ASSESSMENT_2014.first);
    expect(await rows.nth(1).locator('td').allTextContents()).toEqual(ASSESSMENT_2014.second);
    await page.getByTestId('assessment-unit-changsha-commerce-bureau').click();
    const credited = page.locator('table.inner tbody tr');
    await credited.first().waitFor();
    expect(await credited.count()).toBe(ASSESSMENT_2014.changshaProjects);
    await screenshot(page, '05-assessment');
  }, 60_000);

  it('A project page: stages and figures; for an auditor its timeline with the hash chain verified', async () => {
    await signIn(page, server.baseUrl, BROWSER_KEYS.auditor, '#/projects?city=430600');
    await screenshot(page, '06-projects');
    await page.getByRole('link', { name: RED_STAR_YUEYANG.name }).click();
    expect(await textOf(page, 'project-stage')).toBe('在建');
    expect(await textOf(page, 'project-status')).toBe('正常');
    expect(await textOf(page, 'project-investment')).toBe(RED_STAR_YUEYANG.investment);
    const progress = page.getByTestId('project-progress').locator('tbody tr');
    expect(await progress.count()).toBe(RED_STAR_YUEYANG.progressRows);
    expect(await progress.last().locator('td').last().textContent()).toBe(RED_STAR_YUEYANG.lastProgress);
    expect(await textOf(page, 'chain-status')).toBe(`哈希链校验通过：${RED_STAR_YUEYANG.events} 个事件`);
    expect(await page.getByTestId('history-row').count()).toBe(RED_STAR_YUEYANG.events);
    await screenshot(page, '07-project');
  }, 60_000);

  it('A reporter sees the project but not its audit trail (history is for auditors and admins)', async () => {
    await signIn(page, server.baseUrl, BROWSER_KEYS.reporter, '#/projects?city=430600');
    await page.getByRole('link', { name: RED_STAR_YUEYANG.name }).click();
    await page.getByTestId('history-forbidden').waitFor();
    expect(await page.getByTestId('history-row').count()).toBe(0);
    expect(await textOf(page, 'project-investment')).toBe(RED_STAR_YUEYANG.investment);
  }, 60_000);

  it('switches to English: the labels of the catalogues and the pages follow', async () => {
    await signIn(page, server.baseUrl, BROWSER_KEYS.admin, '#/dispatch?month=2014-06');
    await page.getByTestId('dispatch-projects').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('nav-targets').getByText('Targets').waitFor();
    const changsha = await page.getByTestId('dispatch-city-430100').locator('td').first().textContent();
    expect(changsha).toBe('Changsha');
    expect(await textOf(page, 'dispatch-this-month')).toBe(DISPATCH_2014_06.thisMonth);
    await screenshot(page, '08-monthly-dispatch-en');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('nav-targets').getByText('目标进度').waitFor();
  }, 60_000);

  itOnceLanded('promotion')(
    'Promotion: what each channel and each event yielded, with the projects behind a figure',
    async () => {
      await signIn(page, server.baseUrl, BROWSER_KEYS.reporter, '#/promotion?year=2014');
      for (const [measure, count] of Object.entries(PROMOTION_2014.totals)) {
        expect([measure, await textOf(page, `promotion-total-${measure}`)]).toEqual([measure, count]);
      }
      for (const [channel, code] of [
        ['representativeOffice', 'representative_office'],
        ['promotionEvent', 'promotion_event'],
      ] as const) {
        const expected = PROMOTION_2014[channel];
        expect([
          await textOf(page, `channel-${code}-leads-count`),
          await textOf(page, `channel-${code}-contracts-count`),
          await textOf(page, `channel-${code}-registrations-count`),
          await textOf(page, `channel-${code}-registrations-amount`),
        ]).toEqual([expected.leads, expected.contracts, expected.registrations, expected.registrationsAmount]);
      }
      expect(await page.getByTestId('promotion-event-row').count()).toBe(PROMOTION_2014.events);
      await page.getByTestId('channel-promotion_event-registrations-count').click();
      const behind = page.getByTestId('promotion-behind').locator('tbody tr');
      await behind.first().waitFor();
      expect(await behind.count()).toBe(Number(PROMOTION_2014.promotionEvent.registrations));
      await screenshot(page, '09-promotion');
    },
    60_000,
  );

  itOnceLanded('readScopes')(
    'A reporter scoped to Hengyang: province-wide figures, Hengyang records only',
    async () => {
      await signIn(page, server.baseUrl, BROWSER_KEYS.reporterHengyang, '#/projects');
      expect(await textOf(page, 'scope-note')).toContain('衡阳');
      expect(await textOf(page, 'scope-badge')).toBe('辖区：衡阳');
      expect(await textOf(page, 'projects-total')).toBe(`共 ${HENGYANG_REPORTER.projects} 个项目`);
      const cities = await page.getByTestId('projects-table').locator('tbody tr td:nth-child(2)').allTextContents();
      expect(new Set(cities)).toEqual(new Set(['衡阳']));

      await page.goto(`${server.baseUrl}/#/targets?year=2014&show=transferProjects`);
      expect(await textOf(page, 'target-transferProjects-counted')).toBe(TARGETS_2014.transferProjects);
      await page.getByTestId('behind-partial').waitFor();
      expect(await page.getByTestId('behind-table').locator('tbody tr').count()).toBe(
        HENGYANG_REPORTER.transferProjectsListed,
      );
      await screenshot(page, '10-targets-scoped-hengyang');

      await page.goto(`${server.baseUrl}/#/dispatch?month=2014-06`);
      expect(await textOf(page, 'dispatch-projects')).toBe(DISPATCH_2014_06.projects);
      expect(await textOf(page, 'dispatch-this-month')).toBe(DISPATCH_2014_06.thisMonth);
      expect(await page.getByTestId('dispatch-row').count()).toBe(HENGYANG_REPORTER.dispatchRows);

      await page.goto(`${server.baseUrl}/#/bulletin?quarter=2014-Q2`);
      expect(await textOf(page, 'bulletin-ytd-amount')).toBe(BULLETIN_2014_Q2.ytdAmount);
      expect(await page.getByTestId('bulletin-ranking').locator('tbody tr').count()).toBe(14);

      await page.goto(`${server.baseUrl}/#/problems`);
      expect(await textOf(page, 'problems-open')).toBe(HENGYANG_REPORTER.openProblems);

      // Another city's projects: not listed, and not to be read even by their address.
      await page.goto(`${server.baseUrl}/#/projects?city=430600`);
      expect(await textOf(page, 'projects-total')).toBe('共 0 个项目');
      const { body } = await server.api.request(
        'GET',
        `/api/v1/projects?q=${encodeURIComponent('Red Star Macalline Yueyang')}`,
      );
      await page.goto(`${server.baseUrl}/#/project/${body.items[0].projectId}`);
      await page.getByTestId('error').waitFor();
      expect(await page.getByTestId('project-investment').count()).toBe(0);
    },
    60_000,
  );

  itOnceLanded('stale')(
    'Stale projects: flagged in the June dispatch with the months they owe, and in the library',
    async () => {
      await signIn(page, server.baseUrl, BROWSER_KEYS.reporter, '#/dispatch?month=2014-06');
      expect(await textOf(page, 'dispatch-stale')).toBe(STALE_2014_06.total);
      expect(await page.getByTestId('stale-flag').count()).toBe(STALE_2014_06.majorFlagged);
      expect(await page.getByTestId('stale-row').count()).toBe(Number(STALE_2014_06.total));
      const gree = page.getByTestId('stale-row').filter({ hasText: 'Gree Ningxiang production base' });
      expect(await gree.locator('td').nth(4).textContent()).toBe('2014-03, 2014-04, 2014-05, 2014-06');
      await screenshot(page, '02-monthly-dispatch');

      await page.goto(`${server.baseUrl}/#/projects`);
      await page.getByTestId('filter-stale').check();
      await page.getByTestId('stale-flag').first().waitFor();
      expect(await textOf(page, 'projects-total')).toBe(`共 ${STALE_ON_2014_12_31.projects} 个项目`);
      expect(await page.getByTestId('stale-flag').count()).toBe(Number(STALE_ON_2014_12_31.projects));
    },
    60_000,
  );
});
