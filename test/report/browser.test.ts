import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/Locale';
import { renderReportHtml } from '../../src/report/renderReportHtml';
import { reportFigures } from '../../src/report/reportFigures';
import { BROWSER_TIMEOUT, checkReportPage, launchChromium } from './browserCheck';
import { PAYLOAD, reportFixture } from './fixtures';

// One browser for the whole file; each locale gets its own page.
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'seglab-report-'));
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
      const { page, problems, dialogs, drawn, reported, seglabError } = await checkReportPage(browser, file, `report-fixture-${locale}.png`);
      expect(seglabError).toBeUndefined();

      const expected = reportFigures(data).length;
      expect(drawn).toBe(expected);
      expect(reported).toBe(String(expected));

      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      await expect(page.locator('article.persona h3', { hasText: PAYLOAD }).isVisible()).resolves.toBe(true);
      // plotly shows the entity-escaped name as the characters, in the chart's own text
      const inChart = await page.evaluate(`[...document.querySelectorAll('#fig-sizes svg text')].some((t) => t.textContent === ${JSON.stringify(PAYLOAD)})`);
      expect(inChart).toBe(true);

      await page.close();
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    },
    BROWSER_TIMEOUT,
  );
});
