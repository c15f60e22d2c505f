import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { FEATURES } from '../../apps/dashboard/src/features';
import {
  BROWSER_KEYS,
  chromiumAvailable,
  launchChromium,
  signIn,
  startDashboardApi,
  warnNoChromium,
  type DashboardApi,
} from './browser-support';
import { DISPATCH_2014_06_TOTALS_ROW as TOTALS } from './demo-totals';

const HAVE_CHROMIUM = chromiumAvailable();
if (!HAVE_CHROMIUM) warnNoChromium('the dashboard download suite (test/browser/dashboard-exports.e2e.spec.ts)');
if (!FEATURES.exports)
  console.warn('!! dashboard download suite: SKIPPED until the backend exports land (FEATURES.exports)');

const DOWNLOADS = join(__dirname, '..', '..', 'test-output', 'downloads');
/** openpyxl runs in a virtual environment (.ci/run makes it in .venv); ITP_PYTHON names another interpreter. */
const PYTHON = process.env.ITP_PYTHON ?? (existsSync('.venv/bin/python') ? '.venv/bin/python' : 'python3');

/** Whether that interpreter has openpyxl: without it, the independent read-back says loudly that it skipped. */
const HAVE_OPENPYXL = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    return true;
  } catch {
    process.stderr.write(
      `\n!! openpyxl read-back SKIPPED: ${PYTHON} has no openpyxl (python3 -m venv .venv && .venv/bin/pip install openpyxl==3.1.5)\n`,
    );
    return false;
  }
})();

type OpenpyxlSheet = { name: string; freeze: string | null; rows: unknown[][]; formats: string[][] };
const readWithOpenpyxl = (file: string): OpenpyxlSheet[] => {
  let output: string;
  try {
    output = execFileSync(PYTHON, [join(__dirname, 'read_xlsx.py'), file], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `openpyxl could not read ${file} with ${PYTHON} (install it: python3 -m venv .venv && ` +
        `.venv/bin/pip install openpyxl==3.1.5, or set ITP_PYTHON): ${(error as Error).message}`,
    );
  }
  return JSON.parse(output).sheets;
};

/**
 * The Excel file behind the download button of the monthly dispatch (2014-06), read back by the library that
 * wrote it (exceljs) and by an independent reader (openpyxl, Python), with the totals worked out by hand.
 */
(HAVE_CHROMIUM && FEATURES.exports ? describe : describe.skip)('the dashboard download buttons', () => {
  let server: DashboardApi;
  let browser: Browser;
  let page: Page;
  let xlsx: string;

  beforeAll(async () => {
    server = await startDashboardApi();
    browser = await launchChromium();
    page = await (
      await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } })
    ).newPage();
    mkdirSync(DOWNLOADS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.api.close();
  });

  const download = async (testId: string): Promise<{ file: string; name: string }> => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const path = join(DOWNLOADS, file.suggestedFilename());
    await file.saveAs(path);
    return { file: path, name: file.suggestedFilename() };
  };

  it('saves the dispatch of 2014-06 as an Excel file named in Chinese, and as CSV', async () => {
    await signIn(page, server.baseUrl, BROWSER_KEYS.reporter, '#/dispatch?month=2014-06');
    await page.getByTestId('dispatch-projects').waitFor();
    const excel = await download('download-xlsx');
    expect(excel.name).toBe('一月一调度-2014-06.xlsx');
    xlsx = excel.file;
    const csv = await download('download-csv');
    const text = readFileSync(csv.file, 'utf8');
    expect(text).toContain('一月一调度（2014年6月）');
    expect(text).toContain(`合计,${TOTALS.projects},`);
    expect(text).toContain(`${TOTALS.thisMonth},${TOTALS.toDate}`);
  }, 60_000);

  it('reads back with exceljs: title row, frozen Chinese headers, money as numbers with two decimals', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.getWorksheet('分市汇总')!;
    expect(String(sheet.getCell('A1').value)).toContain('一月一调度（2014年6月）');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const headers = (sheet.getRow(4).values as unknown[]).slice(1);
    const column = (header: string) => headers.indexOf(header) + 1;
    const rowOf = (city: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === city) found = row;
      });
      return found!;
    };
    const total = rowOf('合计');
    const thisMonth = total.getCell(column('本月完成投资（折人民币元）'));
    expect([
      total.getCell(column('重大项目数')).value,
      thisMonth.value,
      total.getCell(column('累计完成投资（折人民币元）')).value,
      total.getCell(column('未解决问题')).value,
    ]).toEqual([TOTALS.projects, TOTALS.thisMonth, TOTALS.toDate, TOTALS.openProblems]);
    expect(thisMonth.numFmt).toBe('#,##0.00');
    const changsha = rowOf('长沙');
    expect([
      changsha.getCell(column('本月完成投资（折人民币元）')).value,
      changsha.getCell(column('累计完成投资（折人民币元）')).value,
    ]).toEqual([TOTALS.changsha.thisMonth, TOTALS.changsha.toDate]);
  });

  (HAVE_OPENPYXL ? it : it.skip)('reads back with openpyxl (Python) to the same totals', () => {
    const sheet = readWithOpenpyxl(xlsx).find((s) => s.name === '分市汇总')!;
    expect(String(sheet.rows[0][0])).toContain('一月一调度（2014年6月）');
    expect(sheet.freeze).toBe('A5');
    const headers = sheet.rows[3] as string[];
    const total = sheet.rows.find((row) => row[0] === '合计')!;
    const at = (header: string) => total[headers.indexOf(header)];
    expect([
      at('重大项目数'),
      at('本月完成投资（折人民币元）'),
      at('累计完成投资（折人民币元）'),
      at('未解决问题'),
    ]).toEqual([TOTALS.projects, TOTALS.thisMonth, TOTALS.toDate, TOTALS.openProblems]);
    const index = sheet.rows.indexOf(total);
    expect(sheet.formats[index][headers.indexOf('本月完成投资（折人民币元）')]).toBe('#,##0.00');
  });
});
