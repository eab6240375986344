import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** The hidden folder a run works in: `.<name>.<pid>.<start ms>.<host>.tmp`, renamed when the run ends. */
export function workFolderName(name: string, pid = process.pid, startMs = Date.now()): string {
  return `.${name}.${pid}.${startMs}.${HOST}.tmp`;
}

export interface WorkFolderOwner {
  pid: number;
  /** When the folder was created (epoch ms). */
  startMs: number;
  /** Short hash of the host name; undefined for folders of seglab versions that did not record it. */
  host?: string;
}

/** Who made a work folder, from its name; undefined when the name is not a seglab work folder. */
export function parseWorkFolderName(folder: string): WorkFolderOwner | undefined {
  const m = /^\..+\.(\d+)\.(\d{12,})(?:\.([0-9a-f]{8}))?\.tmp$/.exec(folder);
  if (!m) return undefined;
  return { pid: Number(m[1]), startMs: Number(m[2]), ...(m[3] ? { host: m[3] } : {}) };
}

/** Short hash of this machine's name: an output folder shared between machines holds work folders of other hosts. */
export const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/**
 * The process that made a work folder is gone: same host, and its pid is not running, or runs a
 * process that started after the folder was made (the pid was reused). A folder of another host, or
 * of a live process whose start time cannot be read, is never judged gone.
 */
export function ownerIsGone(owner: WorkFolderOwner): boolean {
  if (owner.host !== undefined && owner.host !== HOST) return false;
  if (!isRunning(owner.pid)) return true;
  const started = processStartMs(owner.pid);
  // /proc gives the start to the clock tick, the boot time to the second: allow 2 s of slack.
  return started !== undefined && started > owner.startMs + 2000;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When a process started (epoch ms), from Linux's /proc; undefined elsewhere. */
export function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(btime)) return undefined;
    // Linux reports in USER_HZ, 100 per second on every mainstream architecture.
    return btime * 1000 + ticks * 10;
  } catch {
    return undefined;
  }
}
