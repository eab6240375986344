import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** A quoted field that does not end where CSV says it must. */
export interface UnclosedQuote {
  /** 1-based line where the quote opens. */
  line: number;
  /**
   * 'end-of-file': the quote is never closed, so the field runs on to the end of the file;
   * 'text-after-quote': a later quote closes it but is followed by text instead of a delimiter or line end
   * (usually the quote that opens the next quoted field, far below).
   */
  kind: 'end-of-file' | 'text-after-quote';
  /** Line of the quote that ends the field ('text-after-quote'). */
  closedAt?: number;
}

export interface QuoteScanOptions {
  gzip: boolean;
  /** One ASCII character. */
  quote: string;
  /** One ASCII character; guessed from the first line when absent. */
  delimiter?: string;
}

const NL = 0x0a;
const CR = 0x0d;
const DELIMITER_CANDIDATES = [',', ';', '\t', '|'];
const CANDIDATE_BYTES = DELIMITER_CANDIDATES.map((c) => c.charCodeAt(0));
const BOM = [0xef, 0xbb, 0xbf];

/**
 * Find the first quoted field that is not closed properly, reading the file once as a stream (gzip
 * decompressed on the way). Only called when a read already failed or looks wrong, so the cost of the
 * pass falls on broken files. Works on bytes: the quote, delimiter and line breaks are ASCII, which
 * UTF-8, latin-1 and cp1252 share. A quote opens a field only at the field's start; inside, a doubled
 * quote is a literal quote (RFC 4180).
 */
export async function findUnclosedQuote(path: string, options: QuoteScanOptions): Promise<UnclosedQuote | undefined> {
  const q = options.quote.charCodeAt(0);
  let d = options.delimiter !== undefined && options.delimiter.length === 1 ? options.delimiter.charCodeAt(0) : -1;
  const guessDelimiter = options.delimiter === undefined;
  let firstLine: number[] | undefined = guessDelimiter ? [] : undefined;

  let line = 1;
  let fieldStart = true;
  let inQuote = false;
  /** Inside a quoted field, a quote was just read: closing, or the first half of a doubled quote. */
  let pendingQuote = false;
  let openLine = 0;

  /** While the delimiter is not known (first line), any candidate separates fields. */
  const isDelimiter = (b: number): boolean => (firstLine ? CANDIDATE_BYTES.includes(b) : b === d);
  let bomBytes = 0;

  const stream: Readable = options.gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        // A UTF-8 byte-order mark is not part of the first field.
        if (bomBytes >= 0 && bomBytes < 3 && b === BOM[bomBytes]) {
          bomBytes++;
          continue;
        }
        bomBytes = -1;
        if (firstLine) {
          // The delimiter is decided on the first line, before any field of the second is read.
          if (b === NL) {
            d = pickDelimiter(firstLine, q);
            firstLine = undefined;
          } else if (firstLine.length < 65536) {
            firstLine.push(b);
          }
        }
        if (pendingQuote) {
          pendingQuote = false;
          if (b === q) continue;
          inQuote = false;
          if (isDelimiter(b)) {
            fieldStart = true;
          } else if (b === NL) {
            line++;
            fieldStart = true;
          } else if (b !== CR) {
            return { line: openLine, kind: 'text-after-quote', closedAt: line };
          }
          continue;
        }
        if (inQuote) {
          if (b === q) pendingQuote = true;
          else if (b === NL) line++;
          continue;
        }
        if (b === q && fieldStart) {
          inQuote = true;
          openLine = line;
          fieldStart = false;
        } else if (isDelimiter(b)) {
          fieldStart = true;
        } else if (b === NL) {
          line++;
          fieldStart = true;
        } else if (b !== CR) {
          fieldStart = false;
        }
      }
    }
  } finally {
    stream.destroy();
  }
  return inQuote && !pendingQuote ? { line: openLine, kind: 'end-of-file' } : undefined;
}

/** The candidate delimiter that occurs most often outside quotes in the header line; -1 for none. */
function pickDelimiter(bytes: readonly number[], quote: number): number {
  const counts = new Map<number, number>();
  let inQuote = false;
  for (const b of bytes) {
    if (b === quote) inQuote = !inQuote;
    else if (!inQuote) counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  let best = -1;
  let bestCount = 0;
  for (const c of DELIMITER_CANDIDATES) {
    const n = counts.get(c.charCodeAt(0)) ?? 0;
    if (n > bestCount) {
      best = c.charCodeAt(0);
      bestCount = n;
    }
  }
  return best;
}
