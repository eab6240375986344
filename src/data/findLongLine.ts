import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * The first line longer than `maxBytes` (1-based number and length in bytes), read once as a stream
 * (gzip decompressed); only called after the reader refused such a line without saying where.
 */
export async function findLongLine(path: string, gzip: boolean, maxBytes: number): Promise<{ line: number; bytes: number } | undefined> {
  let line = 1;
  let length = 0;
  let found: { line: number; bytes: number } | undefined;
  const stream: Readable = gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
        length += nl - start;
        if (length > maxBytes) return { line, bytes: length };
        line++;
        length = 0;
        start = nl + 1;
      }
      length += chunk.length - start;
    }
    if (length > maxBytes) found = { line, bytes: length };
  } finally {
    stream.destroy();
  }
  return found;
}
