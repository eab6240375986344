import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seglab, tempDir as newTempDir } from './helpers';

const dirs: string[] = [];
const tempDir = (): string => {
  dirs.push(newTempDir());
  return dirs[dirs.length - 1]!;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('seglab synth --mix', () => {
  it('writes the given segment mix, the rest in proportion to the default shares', async () => {
    const out = tempDir();
    const r = await seglab(['synth', '--customers', '500', '--seed', '3', '--no-events', '--mix', 'lapsed=0.35,window_shopper=0.05,vip_ambassador=0.02', '--out', out, '-q']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'synth.json'), 'utf8'));
    expect(summary.params.segmentMix).toEqual({ vip_ambassador: 0.02, loyal_regular: 0.18125, promo_hunter: 0.163125, new_promising: 0.10875, at_risk: 0.126875, lapsed: 0.35, window_shopper: 0.05 });
    expect(summary.segments.lapsed.share).toBe(0.35);
    // 500 customers, 40 sign up in Q2: 460 × 0.35 = 161 lapsed at the end of Q1.
    expect(summary.quarters[0].segmentCounts.lapsed).toBe(161);
  });

  const bad: [string, string, RegExp][] = [
    ['an unknown segment', 'lapsed=0.3,vip=0.1', /Invalid --mix: unknown segment "vip" \(item 2 of 2\); expected one of vip_ambassador,/],
    ['a share that is not a number', 'lapsed=30%', /Invalid --mix: share of lapsed is "30%"; expected a number from 0 to 1/],
    ['a missing =', 'lapsed', /Invalid --mix: "lapsed" is not segment=share/],
    ['shares above 1 in total', 'lapsed=0.7,promo_hunter=0.4', /Invalid segmentMix: .*sum to at most 1 \(these sum to 1\.1\)/],
  ];
  it.each(bad)('exits 2 on %s, with the reason and nothing written', async (_what, mix, message) => {
    const out = join(tempDir(), 'out');
    const r = await seglab(['synth', '--customers', '50', '--mix', mix, '--out', out, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(existsSync(out)).toBe(false);
  });
});
