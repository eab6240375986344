import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Progress } from '../core/progress';
import { RESERVATION_FILE } from './reserveRunFolder';
import { ownerIsGone, parseWorkFolderName, type WorkFolderOwner } from './workFolderName';

export interface RemovedWorkFolder {
  /** Name inside the output folder. */
  folder: string;
  kind: 'work folder' | 'reserved run folder';
  pid: number;
  bytes: number;
}

/**
 * A run killed with SIGKILL (or by the OOM killer, or a power cut) leaves its hidden work folder,
 * and maybe the empty run folder it had reserved, in the output folder. Remove those whose process
 * is gone (see ownerIsGone: pid not running, or reused by a process that started later; never
 * another host's), and say so. Folders of live runs are left alone.
 */
export function removeStaleWorkFolders(outRoot: string, progress: Progress): RemovedWorkFolder[] {
  const removed: RemovedWorkFolder[] = [];
  for (const entry of readdirSync(outRoot, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(outRoot, entry.name);
    let owner: WorkFolderOwner | undefined;
    let kind: RemovedWorkFolder['kind'];
    if (entry.name.startsWith('.')) {
      owner = parseWorkFolderName(entry.name);
      kind = 'work folder';
    } else {
      owner = reservationOwner(path);
      kind = 'reserved run folder';
    }
    if (!owner || !ownerIsGone(owner)) continue;
    const bytes = folderBytes(path);
    try {
      if (kind === 'work folder') rmSync(path, { recursive: true, force: true });
      else {
        rmSync(join(path, RESERVATION_FILE), { force: true });
        rmdirSync(path);
      }
    } catch {
      continue; // another run removed it first, or something was added meanwhile
    }
    removed.push({ folder: entry.name, kind, pid: owner.pid, bytes });
    progress.note(`removed the ${kind} ${entry.name} left by process ${owner.pid}, which is gone (${formatBytes(bytes)})`);
  }
  return removed;
}

/** The owner of a reserved (still empty) run folder: its only file names the work folder that will fill it. */
function reservationOwner(dir: string): WorkFolderOwner | undefined {
  const marker = join(dir, RESERVATION_FILE);
  if (!existsSync(marker)) return undefined;
  if (readdirSync(dir).length !== 1) return undefined;
  return parseWorkFolderName(readFileSync(marker, 'utf8').trim());
}

function folderBytes(path: string): number {
  let total = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    total += e.isDirectory() ? folderBytes(p) : lstatSync(p).size;
  }
  return total;
}

function formatBytes(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} bytes`;
}
