import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors';
import { CalendarDate } from '../../src/core/CalendarDate';
import { chromiumPath, exportPdf, pinPdfDates } from '../../src/report/exportPdf';
import { renderReportHtml } from '../../src/report/renderReportHtml';
import { reportFixture } from './fixtures';

const BROWSER_TIMEOUT = 60_000;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seglab-pdf-'));
  writeFileSync(join(dir, 'report.html'), renderReportHtml(reportFixture('fr')));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('exportPdf', () => {
  it(
    'prints the report to an A4 PDF once its charts have drawn',
    async () => {
      if (!chromiumPath()) {
        throw new Error('Chromium is required for the PDF export test and was not found: install it (apt-get install chromium) or set SEGLAB_CHROMIUM.');
      }
      const pdfPath = join(dir, 'out', 'report.pdf');
      const result = await exportPdf(join(dir, 'report.html'), pdfPath);
      const pdf = readFileSync(pdfPath);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
      expect(result.bytes).toBe(pdf.length);
      expect(result.pages).toBeGreaterThan(1);
      // written under a temporary name, then renamed: nothing else is left in the folder
      expect(readdirSync(join(dir, 'out'))).toEqual(['report.pdf']);
    },
    BROWSER_TIMEOUT,
  );

  it(
    'with documentDate the PDF carries that date instead of the clock\'s, at the same length (two prints are the same bytes)',
    async () => {
      if (!chromiumPath()) throw new Error('Chromium is required for the PDF export test and was not found.');
      const asOf = CalendarDate.parse('2026-07-01');
      const [a, b] = [join(dir, 'd1.pdf'), join(dir, 'd2.pdf')];
      await exportPdf(join(dir, 'report.html'), a, { documentDate: asOf });
      await new Promise((r) => setTimeout(r, 1100)); // the clock's stamp has whole seconds
      await exportPdf(join(dir, 'report.html'), b, { documentDate: asOf });
      const text = readFileSync(a).toString('latin1');
      expect(text).toContain("/CreationDate (D:20260701000000+00'00')");
      expect(text).toContain("/ModDate (D:20260701000000+00'00')");
      expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    },
    2 * BROWSER_TIMEOUT,
  );

  it('pinPdfDates keeps the length and every other byte', () => {
    const pdf = Buffer.from("1 0 obj <</Producer (Skia/PDF m156)\n/CreationDate (D:20261203014351+01'00')\n/ModDate (D:20261203014351-05'30')>> endobj", 'latin1');
    const pinned = pinPdfDates(pdf, CalendarDate.parse('1999-12-31'));
    expect(pinned.length).toBe(pdf.length);
    expect(pinned.toString('latin1')).toBe("1 0 obj <</Producer (Skia/PDF m156)\n/CreationDate (D:19991231000000+00'00')\n/ModDate (D:19991231000000+00'00')>> endobj");
  });

  it('says what is missing and how to fix it when Chromium is not installed', async () => {
    const err = await exportPdf(join(dir, 'report.html'), join(dir, 'x.pdf'), { executablePath: '/nonexistent/chromium' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain('/nonexistent/chromium');
    expect((err as Error).message).toContain('apt-get install chromium');
    expect((err as Error).message).toContain('SEGLAB_CHROMIUM');
  });

  it('chromiumPath follows SEGLAB_CHROMIUM and returns null when nothing is there', () => {
    const saved = process.env.SEGLAB_CHROMIUM;
    try {
      process.env.SEGLAB_CHROMIUM = '/nonexistent/chromium';
      expect(chromiumPath()).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.SEGLAB_CHROMIUM;
      else process.env.SEGLAB_CHROMIUM = saved;
    }
  });

  it('a missing HTML file is an input error', async () => {
    await expect(exportPdf(join(dir, 'nope.html'), join(dir, 'x.pdf'))).rejects.toThrow(InputError);
  });
});
