import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/Locale';
import { renderReportHtml } from '../../src/report/renderReportHtml';
import { reportFigures } from '../../src/report/reportFigures';
import { BROWSER_TIMEOUT, checkReportPage, launchChromium } from './browserCheck';
import { driftReviewFixture } from './driftFixture';
import { largeReportFixture, PAYLOAD, reportFixture } from './fixtures';

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

describe('the drift section in Chromium', () => {
  it(
    'draws its heat map and before/after bars with the rest, without errors; blank cells stay blank',
    async () => {
      const data = driftReviewFixture('fr');
      const file = join(dir, 'report-drift.html');
      writeFileSync(file, renderReportHtml(data));
      const { page, problems, dialogs, drawn, seglabError } = await checkReportPage(browser, file, 'report-drift-fr.png');
      expect(seglabError).toBeUndefined();
      expect(drawn).toBe(reportFigures(data).length);
      expect(await page.locator('#fig-drift-migration .heatmaplayer').count()).toBe(1);
      expect(await page.locator('#fig-drift-feature-0 .barlayer .point').count()).toBe(6);
      await page.close();
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    },
    BROWSER_TIMEOUT,
  );
});

describe('the KPI table on a laptop screen', () => {
  it(
    'shows every KPI and every segment of 12 without horizontal scrolling at 1,400 pixels',
    async () => {
      const data = largeReportFixture(12, 200);
      // Every KPI the catalogue can show, with values as wide as real ones.
      const keys = ['customers', 'share', 'revenueShare', 'revenuePerCustomer', 'aov', 'frequency', 'recency', 'tenure', 'discountShare', 'cartAbandonment', 'emailOpenRate', 'emailClickRate', 'emailOptIn', 'responseRate', 'churnRisk', 'clv'] as const;
      const defs = keys.map((key) => ({ key, label: `${key} label`, unit: key === 'customers' ? ('count' as const) : key === 'recency' || key === 'tenure' ? ('days' as const) : key.includes('revenue') || key === 'aov' || key === 'clv' ? ('currency' as const) : ('share' as const), aggregate: 'mean' as const, source: [key], description: key, higherIsBetter: null }));
      for (const s of data.personas.segments) if (!s.suppressed) for (const k of keys) s.kpis[k] = k === 'customers' ? 123456 : k === 'recency' || k === 'tenure' ? 1234 : k.includes('revenue') || k === 'aov' || k === 'clv' ? 12345.67 : 0.123;
      data.personas.kpiDefinitions = defs;
      const file = join(dir, 'report-kpis.html');
      writeFileSync(file, renderReportHtml(data));
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`file://${file}`);
      const r = (await page.evaluate(`(() => {
        const tables = [...document.querySelectorAll('table.kpis')];
        const offscreen = tables.flatMap((table) => {
          const wrap = table.parentElement.getBoundingClientRect();
          return [...table.querySelectorAll('th, td')].filter((c) => c.getBoundingClientRect().right > wrap.right + 1);
        }).length;
        return {
          tables: tables.length,
          rows: tables.map((t) => t.querySelectorAll('tbody tr').length),
          segments: tables.map((t) => t.querySelectorAll('thead th').length - 2),
          offscreen,
          scroll: Math.max(...tables.map((t) => t.scrollWidth - t.parentElement.clientWidth)),
        };
      })()`)) as { tables: number; rows: number[]; segments: number[]; offscreen: number; scroll: number };
      await page.close();
      // 12 segments: two tables of 6 (each with the KPI names and the base column), nothing off-screen.
      expect(r).toEqual({ tables: 2, rows: [16, 16], segments: [6, 6], offscreen: 0, scroll: 0 });
    },
    BROWSER_TIMEOUT,
  );
});
