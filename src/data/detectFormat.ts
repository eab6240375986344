import { openSync, readSync, closeSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { SourceFormat } from './DataConfig';

export type ResolvedFormat = Exclude<SourceFormat, 'auto'>;

export interface DetectedFormat {
  format: ResolvedFormat;
  /** True when the file is gzip-compressed (decided by the magic bytes, not the name). */
  gzip: boolean;
  /** Default delimiter implied by the extension (".tsv" → tab). */
  delimiter?: string;
}

const COMPRESSION_SUFFIX = /\.(gz|gzip)$/i;

/**
 * Decide how to read a file. An explicit format wins; 'auto' goes by the extension, and for
 * .txt/.dat files by the first line (no comma/semicolon/tab/pipe but several space-separated
 * fields → whitespace). Returns undefined when the format cannot be told.
 */
export function detectFormat(path: string, requested: SourceFormat = 'auto'): DetectedFormat | undefined {
  const head = readHead(path, 64 * 1024);
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  const name = path.replace(COMPRESSION_SUFFIX, '').toLowerCase();
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  const tsv = ext === 'tsv' || ext === 'tab' ? { delimiter: '\t' } : {};
  if (requested !== 'auto') return { format: requested, gzip, ...(requested === 'csv' ? tsv : {}) };
  switch (ext) {
    case 'csv':
      return { format: 'csv', gzip };
    case 'tsv':
    case 'tab':
      return { format: 'csv', gzip, delimiter: '\t' };
    case 'parquet':
    case 'pq':
      return { format: 'parquet', gzip };
    case 'json':
    case 'jsonl':
    case 'ndjson':
      return { format: 'json', gzip };
    case 'txt':
    case 'dat':
    case 'text':
      return { format: looksWhitespaceSeparated(firstLine(head, gzip)) ? 'whitespace' : 'csv', gzip };
    default:
      return undefined;
  }
}

/** The first bytes of a file as text, decompressed when gzip (for sniffing only). */
export function peekText(path: string, bytes = 64 * 1024): string {
  const head = readHead(path, bytes);
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  return decode(head, gzip);
}

function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function decode(head: Buffer, gzip: boolean): string {
  if (!gzip) return head.toString('utf8');
  try {
    // A truncated gzip stream still yields its first bytes with a sync flush.
    return gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH */ }).toString('utf8');
  } catch {
    return '';
  }
}

function firstLine(head: Buffer, gzip: boolean): string {
  const text = decode(head, gzip);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines[1] ?? lines[0] ?? '';
}

function looksWhitespaceSeparated(line: string): boolean {
  if (/[,;\t|]/.test(line)) return false;
  return line.trim().split(/\s+/).length >= 2;
}
