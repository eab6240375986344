import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip, type Gzip, type ZlibOptions } from 'node:zlib';

/** Lines are encoded straight into byte chunks of this size, handed to the stream when full. */
const CHUNK_BYTES = 1 << 20;
/** Let the compressor / disk lag this far behind before generation waits: keeps memory bounded. */
const HIGH_WATER = 8 << 20;

/**
 * Streaming CSV writer: lines are encoded into ~1 MB byte chunks (so that row strings die young
 * instead of piling up in a long concatenation) and written, through gzip when asked, to a temporary
 * file next to the target; commit() renames it into place, abort() removes it, so a crash never
 * leaves a half-written table.
 */
export class CsvSink {
  readonly path: string;
  readonly tmpPath: string;
  rows = 0;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;
  private readonly file: WriteStream;
  private readonly gzip: Gzip | null;
  private readonly done: Promise<void>;
  private failure: unknown = null;

  constructor(path: string, header: readonly string[], compress: boolean) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.tmpPath = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.file = createWriteStream(this.tmpPath, { highWaterMark: HIGH_WATER });
    // zlib passes stream options such as highWaterMark on to its Transform; the typings omit them.
    this.gzip = compress ? createGzip({ level: 6, chunkSize: 256 * 1024, highWaterMark: HIGH_WATER } as ZlibOptions) : null;
    this.done = this.gzip ? pipeline(this.gzip, this.file) : finished(this.file);
    this.done.catch((err: unknown) => {
      this.failure = err;
    });
    this.put(header.join(','));
  }

  private get head(): Gzip | WriteStream {
    return this.gzip ?? this.file;
  }

  /** Append one line (no trailing newline). */
  line(text: string): void {
    this.put(text);
    this.rows++;
  }

  private put(text: string): void {
    // Up to 3 bytes per UTF-16 unit, plus the newline.
    if (this.pos + text.length * 3 + 1 > this.chunk.length) {
      this.flush();
      if (text.length * 3 + 1 > this.chunk.length) this.chunk = Buffer.allocUnsafe(text.length * 3 + 1);
    }
    this.pos += this.chunk.write(text, this.pos);
    this.chunk[this.pos++] = 10;
  }

  private flush(): void {
    if (this.pos > 0) {
      // The stream keeps the chunk until it is consumed: hand it over and start a new one.
      this.head.write(this.chunk.subarray(0, this.pos));
      this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      this.pos = 0;
    }
  }

  /** Wait while the stream holds more than its high-water mark. */
  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.head.writableNeedDrain) await Promise.race([once(this.head, 'drain'), this.done]);
    if (this.failure) throw this.failure;
  }

  /** Flush, end the stream and wait until the temporary file is complete on disk. */
  async close(): Promise<void> {
    this.flush();
    this.head.end();
    await this.done;
  }

  commit(): void {
    renameSync(this.tmpPath, this.path);
  }

  abort(): void {
    this.gzip?.destroy();
    this.file.destroy();
    rmSync(this.tmpPath, { force: true });
  }
}
