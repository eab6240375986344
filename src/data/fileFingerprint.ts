import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';

export interface FileFingerprint {
  /** sha256 of the file bytes as stored (for a .gz file: of the compressed bytes). */
  sha256: string;
  bytes: number;
}

/** sha256 of a file, streamed so that large inputs never sit in memory at once. */
export async function fileFingerprint(path: string): Promise<FileFingerprint> {
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    // 1 MiB chunks: with the default 64 KiB, reading a large file costs more than hashing it.
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => hash.update(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve());
  });
  return { sha256: hash.digest('hex'), bytes: statSync(path).size };
}
