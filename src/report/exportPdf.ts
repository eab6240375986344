import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../core/atomicWrite';
import type { CalendarDate } from '../core/CalendarDate';
import { InputError, inputError } from '../core/errors';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless, offline, reproducible print: no GPU, no sandbox (containers), no network chatter. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/** A4 at 96 px per inch minus 12 mm margins: the width the charts are drawn at so they fit the page. */
const A4_CONTENT_WIDTH_PX = 703;

export interface ExportPdfOptions {
  /** Chromium or Chrome executable (default: $SEGLAB_CHROMIUM, else /usr/bin/chromium). */
  executablePath?: string;
  /** How long to wait for the browser, the page and its charts (default 60 s). */
  timeoutMs?: number;
  /**
   * The date written as the PDF's CreationDate and ModDate (00:00 UTC), instead of the clock's that Chromium
   * writes: with the run's asOf, the same run prints the same bytes. Default: Chromium's.
   */
  documentDate?: CalendarDate;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The Chromium the PDF export would use ($SEGLAB_CHROMIUM, else /usr/bin/chromium), or null when it is not installed. */
export function chromiumPath(): string | null {
  const path = process.env.SEGLAB_CHROMIUM || DEFAULT_CHROMIUM;
  return isExecutable(path) ? path : null;
}

function missingChromium(path: string): InputError {
  return new InputError('Cannot export the report to PDF: Chromium was not found.', [
    {
      severity: 'error',
      check: 'missing-chromium',
      message: `no Chromium executable at ${path}`,
      location: { file: path },
      hint: 'install it (Debian/Ubuntu: apt-get install chromium) or set SEGLAB_CHROMIUM to the path of a Chromium or Chrome executable',
    },
  ]);
}

/** Number of pages in a PDF written by Chromium (page objects are plain dictionaries there); undefined if none is found. */
function countPages(pdf: Uint8Array): number | undefined {
  const n = Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  return n > 0 ? n : undefined;
}

/** Chromium's info dates: (D:YYYYMMDDHHmmSS+HH'mm'), 23 characters inside the parentheses. */
const PDF_INFO_DATE = /\/(CreationDate|ModDate) \(D:\d{14}[+-]\d{2}'\d{2}'\)/g;

/**
 * The PDF with its info dates set to a date's 00:00 UTC. The replacement has the same length as what it
 * replaces, so the cross-reference table's byte offsets stay right; a date in another form is left as it is.
 */
export function pinPdfDates(pdf: Uint8Array, date: CalendarDate): Buffer {
  const stamp = `D:${date.iso.replace(/-/g, '')}000000+00'00'`;
  const text = Buffer.from(pdf).toString('latin1').replace(PDF_INFO_DATE, (_m, key: string) => `/${key} (${stamp})`);
  return Buffer.from(text, 'latin1');
}

/**
 * Print an HTML report to an A4 PDF with headless Chromium (playwright-core drives it; no browser is
 * downloaded). Waits until the page's charts have drawn (`window.seglabReady`), prints with the
 * report's print CSS, and writes to a temporary name that is renamed, so a failure leaves no half PDF.
 */
export async function exportPdf(htmlPath: string, pdfPath: string, options: ExportPdfOptions = {}): Promise<{ pages?: number; bytes: number }> {
  const source = resolve(htmlPath);
  if (!existsSync(source)) {
    throw inputError({ summary: 'Cannot export the report to PDF: the HTML file does not exist.', check: 'missing-file', what: 'file not found', where: { file: source }, fix: 'render the report first (renderReportHtml) and pass its path' });
  }
  const executablePath = options.executablePath ?? (process.env.SEGLAB_CHROMIUM || DEFAULT_CHROMIUM);
  if (!isExecutable(executablePath)) throw missingChromium(executablePath);
  const timeout = options.timeoutMs ?? 60_000;

  // Loaded lazily: only the PDF export needs a browser driver.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout });
  try {
    const page = await browser.newPage({ viewport: { width: A4_CONTENT_WIDTH_PX, height: 1000 } });
    page.setDefaultTimeout(timeout);
    await page.emulateMedia({ media: 'print' });
    await page.goto(pathToFileURL(source).href, { waitUntil: 'load' });
    // The report sets seglabReady when every chart has drawn, seglabError when one failed.
    await page.waitForFunction('window.seglabReady === true || typeof window.seglabError === "string"', undefined, { timeout });
    const failure = await page.evaluate('window.seglabError');
    if (typeof failure === 'string') throw new Error(`The report's charts failed to draw in Chromium: ${failure}`);
    const printed = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
    const pdf = options.documentDate ? pinPdfDates(printed, options.documentDate) : printed;
    writeFileAtomic(pdfPath, pdf);
    return { pages: countPages(pdf), bytes: pdf.length };
  } finally {
    await browser.close();
  }
}

