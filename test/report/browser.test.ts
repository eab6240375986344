import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/Locale';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/report/exportPdf';
import { renderReportHtml } from '../../src/report/renderReportHtml';
import { reportFigures } from '../../src/report/reportFigures';
import { PAYLOAD, reportFixture } from './fixtures';

const root = join(__dirname, '..', '..');
const screenshots = join(root, 'reports', 'screenshots');
const BROWSER_TIMEOUT = 60_000;

// One browser for the whole file; each locale gets its own page.
let browser: Browser;
let dir: string;

beforeAll(async () => {
  const exe = chromiumPath();
  if (!exe) {
    throw new Error(
      `Chromium is required for the browser tests and was not found at ${process.env.SEGLAB_CHROMIUM || '/usr/bin/chromium'}: install it (apt-get install chromium) or set SEGLAB_CHROMIUM to a Chromium executable.`,
    );
  }
  browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, timeout: BROWSER_TIMEOUT });
  dir = mkdtempSync(join(tmpdir(), 'seglab-report-'));
  mkdirSync(screenshots, { recursive: true });
}, BROWSER_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(['en', 'fr'] as Locale[])('the report in Chromium (%s)', (locale) => {
  it(
    'draws every figure without errors, runs no injected markup, shows the payload as text',
    async () => {
      const data = reportFixture(locale);
      const file = join(dir, `report-${locale}.html`);
      writeFileSync(file, renderReportHtml(data));
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
      expect(await page.evaluate('window.seglabError')).toBeUndefined();

      const expected = reportFigures(data).length;
      const drawn = await page.evaluate(`[...document.querySelectorAll('.seglab-figure')].filter((el) => el.querySelector('svg.main-svg')).length`);
      expect(drawn).toBe(expected);
      expect(await page.evaluate('document.body.dataset.figures')).toBe(String(expected));

      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      await expect(page.locator('article.persona h3', { hasText: PAYLOAD }).isVisible()).resolves.toBe(true);
      // plotly shows the entity-escaped name as the characters, in the chart's own text
      const inChart = await page.evaluate(`[...document.querySelectorAll('#fig-sizes svg text')].some((t) => t.textContent === ${JSON.stringify(PAYLOAD)})`);
      expect(inChart).toBe(true);

      await page.screenshot({ path: join(screenshots, `report-fixture-${locale}.png`), fullPage: true });
      await page.close();
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    },
    BROWSER_TIMEOUT,
  );
});
