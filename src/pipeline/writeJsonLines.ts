import { closeSync, openSync, writeSync } from 'node:fs';

/** Bytes of JSON text gathered before a write: far below V8's longest string (2^29 − 24 characters). */
const CHUNK_CHARS = 1 << 24;

/**
 * Write rows as newline-delimited JSON, one row a line, in chunks of about 16 M characters: a million
 * feature rows of ~1 KB would make one joined string past V8's limit ("Invalid string length").
 */
export function writeJsonLines(path: string, rows: readonly unknown[]): void {
  const fd = openSync(path, 'w');
  try {
    let parts: string[] = [];
    let chars = 0;
    for (const row of rows) {
      const line = `${JSON.stringify(row)}\n`;
      parts.push(line);
      chars += line.length;
      if (chars >= CHUNK_CHARS) {
        writeSync(fd, parts.join(''));
        parts = [];
        chars = 0;
      }
    }
    if (parts.length) writeSync(fd, parts.join(''));
  } finally {
    closeSync(fd);
  }
}
