import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/core/progress';
import { removeStaleWorkFolders } from '../../src/pipeline/removeStaleWorkFolders';
import { RESERVATION_FILE } from '../../src/pipeline/reserveRunFolder';
import { HOST, ownerIsGone, parseWorkFolderName, processStartMs, workFolderName } from '../../src/pipeline/workFolderName';

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid!;
}

function notes(): Progress & { lines: string[] } {
  const lines: string[] = [];
  return { lines, start() {}, update() {}, end() {}, note: (m) => void lines.push(m) };
}

describe('work folders of killed runs', () => {
  it('names carry pid, start time and host, and parse back (also the older form without host)', () => {
    const name = workFolderName('sample.q2', 1234, 1_780_000_000_000);
    expect(name).toBe(`.sample.q2.1234.1780000000000.${HOST}.tmp`);
    expect(parseWorkFolderName(name)).toEqual({ pid: 1234, startMs: 1_780_000_000_000, host: HOST });
    expect(parseWorkFolderName('.sample.99.1780000000000.tmp')).toEqual({ pid: 99, startMs: 1_780_000_000_000 });
    for (const other of ['.git', '.cache.tmp', '.x.12.tmp', 'sample.1.1780000000000.tmp', '.LATEST.123.tmp']) expect(parseWorkFolderName(other)).toBeUndefined();
  });

  it('the owner is gone when its pid is not running, or runs a process that started after the folder (pid reused)', () => {
    const now = Date.now();
    expect(ownerIsGone({ pid: deadPid(), startMs: now, host: HOST })).toBe(true);
    // This process is alive and started before `now`: the folder may be its own.
    expect(ownerIsGone({ pid: process.pid, startMs: now, host: HOST })).toBe(false);
    const started = processStartMs(process.pid);
    if (started !== undefined) {
      expect(Math.abs(started - (now - performance.now()))).toBeLessThan(5000);
      // A folder made a minute before this process started cannot be this process's: the pid was reused.
      expect(ownerIsGone({ pid: process.pid, startMs: started - 60_000, host: HOST })).toBe(true);
    }
    // Another machine's folder (a shared output folder) is never judged from here.
    expect(ownerIsGone({ pid: deadPid(), startMs: now, host: HOST === '00000000' ? '11111111' : '00000000' })).toBe(false);
  });

  it('removes dead runs\' work folders and reserved run folders, says so, and touches nothing else', () => {
    const out = mkdtempSync(join(tmpdir(), 'seglab-stale-'));
    const dead = deadPid();
    const stale = workFolderName('sample', dead, Date.now() - 10_000);
    mkdirSync(join(out, stale, 'rules'), { recursive: true });
    writeFileSync(join(out, stale, 'features.csv'), 'x'.repeat(2048));
    writeFileSync(join(out, stale, 'rules', 'a.json'), '{}');
    const legacy = `.sample.${dead}.${Date.now() - 20_000}.tmp`;
    mkdirSync(join(out, legacy));
    // The empty folder the dead run had reserved: only the marker naming its work folder.
    mkdirSync(join(out, 'sample-20260701-abcdef12'));
    writeFileSync(join(out, 'sample-20260701-abcdef12', RESERVATION_FILE), `${stale}\n`);
    // Left alone: a live run, another host, a finished run, a reserved folder someone wrote into, other hidden folders.
    const live = workFolderName('sample');
    const otherHost = `.sample.${dead}.${Date.now()}.${HOST === 'ffffffff' ? 'eeeeeeee' : 'ffffffff'}.tmp`;
    for (const d of [live, otherHost, 'sample-20260601-00000000', '.git']) mkdirSync(join(out, d));
    mkdirSync(join(out, 'busy'));
    writeFileSync(join(out, 'busy', RESERVATION_FILE), stale);
    writeFileSync(join(out, 'busy', 'manifest.json'), '{}');
    writeFileSync(join(out, 'LATEST'), 'sample-20260601-00000000\n');

    const progress = notes();
    const removed = removeStaleWorkFolders(out, progress);
    expect(removed.map((r) => r.folder).sort()).toEqual([stale, legacy, 'sample-20260701-abcdef12'].sort());
    expect(removed.find((r) => r.folder === stale)).toEqual({ folder: stale, kind: 'work folder', pid: dead, bytes: 2050 });
    expect(readdirSync(out).sort()).toEqual([live, otherHost, '.git', 'LATEST', 'busy', 'sample-20260601-00000000'].sort());
    expect(progress.lines).toContain(`removed the work folder ${stale} left by process ${dead}, which is gone (2.0 kB)`);
    expect(progress.lines.some((l) => l.startsWith('removed the reserved run folder sample-20260701-abcdef12'))).toBe(true);
    expect(existsSync(join(out, 'busy', 'manifest.json'))).toBe(true);
  });
});
