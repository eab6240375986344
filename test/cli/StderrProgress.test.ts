import { describe, expect, it, vi } from 'vitest';
import { StderrProgress } from '../../src/cli/StderrProgress';
import { DuckSession } from '../../src/data/DuckSession';
import type { Progress } from '../../src/core/progress';

function stream(tty: boolean): { out: string[]; s: NodeJS.WriteStream } {
  const out: string[] = [];
  return { out, s: { isTTY: tty, write: (x: string) => out.push(x) } as unknown as NodeJS.WriteStream };
}

describe('progress of long steps: share, rows/s and ETA', () => {
  it('on a terminal a long statement draws a bar with its share, rows/s and ETA', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const { out, s } = stream(true);
      const p = new StderrProgress(s);
      p.start('load events');
      vi.advanceTimersByTime(10_000);
      p.fraction(0.4, 12_000_000);
      expect(out.at(-1)).toMatch(/\[########\.+\] load events … 40% · 1\.2M rows\/s · ETA 15 s/);
      // A counted step: its rate and ETA too.
      p.start('bootstrap stability', 20);
      vi.advanceTimersByTime(4_000);
      p.update(5);
      expect(out.at(-1)).toMatch(/bootstrap stability … 5\/20 25% · 1\.3\/s · ETA 12 s/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('in a log (no terminal) a long statement prints a line at most every 10 s', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const { out, s } = stream(false);
      const p = new StderrProgress(s);
      p.start('load events');
      vi.advanceTimersByTime(3_000);
      p.fraction(0.1, 1000);
      expect(out).toEqual([]);
      vi.advanceTimersByTime(8_000);
      p.fraction(0.5, 500_000);
      expect(out).toEqual(['  load events … 50% · 45.5k rows/s · ETA 11 s\n']);
      p.fraction(0.6, 600_000);
      expect(out).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a watched DuckDB session reports a long query's progress; an unwatched one does not", async () => {
    const shares: number[] = [];
    const progress: Progress = { start() {}, update() {}, end() {}, note() {}, fraction: (share) => void shares.push(share) };
    const session = await DuckSession.open({ threads: 1 });
    try {
      await session.run('CREATE TABLE t AS SELECT i, i % 1000 AS g FROM range(3000000) r(i)');
      await session.watch(progress, 20);
      await session.all('SELECT g, count(DISTINCT i) AS n FROM t GROUP BY g ORDER BY g LIMIT 1');
      expect(shares.length).toBeGreaterThan(0);
      expect(shares.every((x) => x >= 0 && x <= 1)).toBe(true);
      const seen = shares.length;
      await session.watch(undefined);
      await session.all('SELECT g, count(DISTINCT i) AS n FROM t GROUP BY g ORDER BY g LIMIT 1');
      expect(shares.length).toBe(seen);
    } finally {
      session.close();
    }
  }, 60_000);
});
