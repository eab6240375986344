import { mkdirSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The one file of a reserved, still empty run folder: it names the work folder that will replace it. */
export const RESERVATION_FILE = '.seglab-reserved';

/**
 * Take the run folder name `id` (or `id-2`, `id-3`, … when taken) atomically: `mkdir` without
 * `recursive` fails when the folder exists, so two runs started at once can never get the same id.
 * The folder stays empty but for a marker naming the work folder, until `moveIntoPlace`.
 */
export function reserveRunFolder(outRoot: string, id: string, workFolder: string): string {
  for (let n = 1; ; n++) {
    const dir = join(outRoot, n === 1 ? id : `${id}-${n}`);
    try {
      mkdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    writeFileSync(join(dir, RESERVATION_FILE), `${workFolder}\n`);
    return dir;
  }
}

/** Replace the reserved folder by the finished work folder (rename onto an empty folder). */
export function moveIntoPlace(workDir: string, reserved: string): void {
  rmSync(join(reserved, RESERVATION_FILE), { force: true });
  try {
    renameSync(workDir, reserved);
  } catch (err) {
    // POSIX renames onto an empty folder; Windows does not: free the name first.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EEXIST' && code !== 'ENOTEMPTY' && code !== 'EACCES') throw err;
    rmdirSync(reserved);
    renameSync(workDir, reserved);
  }
}

/** A failed run gives its reserved name back (only while the folder is still empty but for the marker). */
export function releaseRunFolder(reserved: string): void {
  try {
    rmSync(join(reserved, RESERVATION_FILE), { force: true });
    rmdirSync(reserved);
  } catch {
    // not empty or already gone: leave it
  }
}
