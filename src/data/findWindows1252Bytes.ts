import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Where a file holds bytes 0x80–0x9F as characters of their own: text in Windows-1252, control codes in latin-1. */
export interface Windows1252Bytes {
  /** Lines holding such a byte. */
  lines: number;
  /** The first of them, ascending. */
  sampleLines: number[];
  /** The first such byte. */
  firstByte: number;
}

const NL = 0x0a;

/**
 * Bytes 0x80–0x9F that stand for characters of their own, read once as a stream (gzip decompressed).
 * `within: 'utf-8'` skips those that continue a valid UTF-8 sequence (the 0x82 of "€" written in
 * UTF-8 is not one); `within: 'latin-1'` counts every one. Only called after a read failed.
 */
export async function findWindows1252Bytes(
  path: string,
  gzip: boolean,
  within: 'utf-8' | 'latin-1',
  sampleSize = 10,
): Promise<Windows1252Bytes | undefined> {
  let line = 1;
  let lastCounted = 0;
  let lines = 0;
  const sampleLines: number[] = [];
  let firstByte = -1;
  /** Continuation bytes the current UTF-8 sequence still needs. */
  let pending = 0;
  const utf8 = within === 'utf-8';
  const stream: Readable = gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === NL) {
          line++;
          pending = 0;
          continue;
        }
        if (b < 0x80) {
          pending = 0;
          continue;
        }
        if (utf8) {
          if (b <= 0xbf && pending > 0) {
            pending--;
            continue;
          }
          pending = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
        }
        if (b <= 0x9f && lastCounted !== line) {
          lastCounted = line;
          lines++;
          if (firstByte < 0) firstByte = b;
          if (sampleLines.length < sampleSize) sampleLines.push(line);
        }
      }
    }
  } finally {
    stream.destroy();
  }
  return lines ? { lines, sampleLines, firstByte } : undefined;
}
