import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/report/exportPdf';

export const BROWSER_TIMEOUT = 60_000;
export const screenshots = join(__dirname, '..', '..', 'reports', 'screenshots');

/** Debian's Chromium through playwright-core; a clear failure when it is missing (CI installs it). */
export async function launchChromium(): Promise<Browser> {
  const exe = chromiumPath();
  if (!exe) {
    throw new Error(
      `Chromium is required for the browser tests and was not found at ${process.env.SEGLAB_CHROMIUM || '/usr/bin/chromium'}: install it (apt-get install chromium) or set SEGLAB_CHROMIUM to a Chromium executable.`,
    );
  }
  mkdirSync(screenshots, { recursive: true });
  return chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, timeout: BROWSER_TIMEOUT });
}

export interface ReportPageCheck {
  page: Page;
  /** Console errors, plotly warnings, page errors and network requests: all must be empty. */
  problems: string[];
  /** Messages of alert/confirm/prompt dialogs (injected script would open one). */
  dialogs: string[];
  /** `.seglab-figure` elements holding a drawn plotly SVG. */
  drawn: number;
  /** What the report's own script counted (document.body.dataset.figures). */
  reported: string | undefined;
  seglabError: unknown;
}

/**
 * Open a report file, wait until its script says every chart is drawn, count the drawn charts and
 * save a full-page screenshot under reports/screenshots/ (a CI artifact). The caller closes the page.
 */
export async function checkReportPage(browser: Browser, file: string, screenshot: string): Promise<ReportPageCheck> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (msg) => {
    // plotly reports bad formats and missing template variables as console.trace "WARN: …"
    if (msg.type() === 'error' || (msg.type() === 'trace' && msg.text().startsWith('WARN'))) problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (req) => {
    if (!req.url().startsWith('file:') && !req.url().startsWith('data:')) problems.push(`network request: ${req.url()}`);
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction('window.seglabReady === true || typeof window.seglabError === "string"', undefined, { timeout: BROWSER_TIMEOUT });
  const seglabError = await page.evaluate('window.seglabError');
  const drawn = (await page.evaluate(`[...document.querySelectorAll('.seglab-figure')].filter((el) => el.querySelector('svg.main-svg')).length`)) as number;
  const reported = (await page.evaluate('document.body.dataset.figures')) as string | undefined;
  await page.screenshot({ path: join(screenshots, screenshot), fullPage: true });
  return { page, problems, dialogs, drawn, reported, seglabError };
}
