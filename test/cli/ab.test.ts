import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seglab, tempDir } from './helpers';

/** One synthetic experiment for every test here: seglab synth --experiment on a small data set. */
let dir: string;
beforeAll(async () => {
  dir = tempDir('seglab-ab-');
  const r = await seglab(['synth', '--customers', '3000', '--seed', '42', '--no-events', '--out', join(dir, 'data'), '--experiment', '-q']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

const exp = () => join(dir, 'data', 'experiment');

function variantConfig(name: string, lines: string[]): string {
  const path = join(exp(), `${name}.yaml`);
  writeFileSync(path, [...readFileSync(join(exp(), 'experiment.yaml'), 'utf8').split('\n').filter((l) => !lines.some((x) => l.startsWith(x.split(':')[0] + ':'))), ...lines].join('\n'));
  return path;
}

describe('seglab synth --experiment and seglab ab', () => {
  it('writes the synthetic test and finds its lift in promo hunters only', async () => {
    expect(readdirSync(exp()).sort()).toEqual(['assignments.csv', 'experiment.yaml', 'outcomes.csv', 'truth.json']);
    const r = await seglab(['ab', '--config', join(exp(), 'experiment.yaml'), '--json', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    const bySegment = Object.fromEntries(result.segments.map((s: { segment: string }) => [s.segment, s]));
    expect(bySegment['Promo hunters'].significant).toBe(true);
    expect(bySegment['Loyal regulars'].significant).toBe(false);
    const truth = JSON.parse(readFileSync(join(exp(), 'truth.json'), 'utf8'));
    expect(truth.segments.find((s: { segment: string }) => s.segment === 'Promo hunters').trueLift).toBe(0.12);
  });

  it('writes experiment.json and the Markdown in both languages to --out', async () => {
    const out = join(dir, 'ab-out');
    const r = await seglab(['ab', '--config', join(exp(), 'experiment.yaml'), '--out', out, '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'experiment.md'), 'utf8')).toMatch(/\| Promo hunters \| 250 \/ 250 \|.*\| significant \| roll out \|/);
    expect(readFileSync(join(out, 'experiment.fr.md'), 'utf8')).toMatch(/\| Promo hunters \| 250 \/ 250 \|.*\| significatif \| généraliser \|/);
  });

  it('a customer in two variants is exit 2 naming both rows', async () => {
    const a = readFileSync(join(exp(), 'assignments.csv'), 'utf8').trimEnd().split('\n');
    const [id, experiment, variant, at, segment] = a[1].split(',');
    a.push([id, experiment, variant === 'offer' ? 'control' : 'offer', at, segment].join(','));
    writeFileSync(join(exp(), 'assignments-dup.csv'), a.join('\n') + '\n');
    const r = await seglab(['ab', '--config', variantConfig('dup', ['assignments: assignments-dup.csv'])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`customer ${id} is in two variants: "${variant}" (row 1) and "${variant === 'offer' ? 'control' : 'offer'}" (row ${a.length - 1})`);
    expect(r.stderr).toMatch(/assignments-dup\.csv, row \d+/);
  });

  it('an outcome measured before the assignment is exit 2 naming the row', async () => {
    const o = readFileSync(join(exp(), 'outcomes.csv'), 'utf8').trimEnd().split('\n');
    const cells = o[3].split(',');
    cells[1] = '2026-06-20';
    o[3] = cells.join(',');
    writeFileSync(join(exp(), 'outcomes-early.csv'), o.join('\n') + '\n');
    const r = await seglab(['ab', '--config', variantConfig('early', ['outcomes: outcomes-early.csv'])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the outcome of customer ${cells[0]} was measured on 2026-06-20, before the customer was assigned on 2026-07-01`);
    expect(r.stderr).toMatch(/outcomes-early\.csv, row 3, column "measured_at"/);
  });

  it('an empty variant and a misspelt config key are exit 2 with the fix', async () => {
    const r = await seglab(['ab', '--config', variantConfig('empty', ['treatment: offre'])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/variant "offre" has no customers .*check the control and treatment names/);
    const k = await seglab(['ab', '--config', variantConfig('typo', ['tretment: offer'])]);
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(/Unrecognized key\(s\) in object: 'tretment'/);
  });

  it('sample-size: 385 survey respondents, and customers per variant for a lift', async () => {
    const s = await seglab(['sample-size', '--metric', 'survey', '--json']);
    expect(JSON.parse(s.stdout).respondents).toBe(385);
    const p = await seglab(['sample-size', '--baseline', '0.1', '--effect', '0.02', '--json']);
    expect(JSON.parse(p.stdout).treatment).toBe(3835); // statsmodels NormalIndPower: 3834.6
    const bad = await seglab(['sample-size', '--metric', 'mean', '--baseline', '50']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/needs --sd/);
  });
});
