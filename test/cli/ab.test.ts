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

describe('seglab ab with a later run as the outcome (a feature measured after assignment)', () => {
  /** A run of the synthetic data as of `asOf` (load and features only), in `name`; its folder. */
  async function runAsOf(name: string, asOf: string, env: Record<string, string> = {}): Promise<string> {
    const config = join(dir, `${name}.yaml`);
    writeFileSync(
      config,
      [`name: ${name}`, `asOf: ${asOf}`, 'seed: 1', 'data:', '  customers:', '    path: data/customers.csv.gz', '  transactions:', '    path: data/transactions.csv.gz', 'stages: [load, features]', 'output:', `  dir: ${name}`].join('\n') + '\n',
    );
    const r = await seglab(['run', '--config', config, '-q'], { cwd: dir, env });
    expect(r.code, r.stderr).toBe(0);
    const runs = readdirSync(join(dir, name)).filter((f) => f.startsWith(name));
    expect(runs).toHaveLength(1);
    return join(dir, name, runs[0]);
  }

  // The synthetic orders end with 2026-Q2: the same customers and variants, assigned on 2026-05-01 instead.
  const mayAssignments = () => {
    writeFileSync(join(exp(), 'assignments-may.csv'), readFileSync(join(exp(), 'assignments.csv'), 'utf8').replaceAll(',2026-07-01,', ',2026-05-01,'));
    return 'assignments: assignments-may.csv';
  };

  it('orders_30d of a run as of 2026-06-01 is the outcome; the units are the run features joined to the assignments', async () => {
    const later = await runAsOf('later', '2026-06-01');
    const before = await runAsOf('before', '2026-05-01');
    const r = await seglab(['ab', '--config', variantConfig('from-run', [mayAssignments(), 'outcomes: ../../later/' + later.split('/').pop(), 'outcome: orders_30d', 'convertedAbove: 0', 'pre: spend_90d', 'preRun: ../../before/' + before.split('/').pop()]), '--json', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    // The same counts by hand: converted = orders_30d > 0 in the later run's features.csv, per variant.
    const features = readFileSync(join(later, 'features.csv'), 'utf8').trim().split('\n');
    const col = features[0].split(',').indexOf('orders_30d');
    const orders = new Map(features.slice(1).map((l) => [l.split(',')[0], Number(l.split(',')[col])]));
    const conversions: Record<string, number> = { control: 0, offer: 0 };
    const customers: Record<string, number> = { control: 0, offer: 0 };
    for (const l of readFileSync(join(exp(), 'assignments-may.csv'), 'utf8').trim().split('\n').slice(1)) {
      const [id, , variant] = l.split(',');
      customers[variant]++;
      if ((orders.get(id) ?? 0) > 0) conversions[variant]++;
    }
    expect(conversions.offer + conversions.control).toBeGreaterThan(0);
    expect(result.overall.treatment.conversions).toBe(conversions.offer);
    expect(result.overall.control.conversions).toBe(conversions.control);
    expect(result.overall.treatment.customers).toBe(customers.offer);
    // A pseudonymised run: refused with raw ids, the same counts once the experiment's ids are hashed with its key.
    const env = { SEGLAB_PSEUDONYM_KEY: 'k3y-for-the-ab-test' };
    const hashed = await runAsOf('hashed', '2026-06-01', env);
    const lines = [mayAssignments(), 'outcomes: ../../hashed/' + hashed.split('/').pop(), 'outcome: orders_30d', 'convertedAbove: 0'];
    const raw = await seglab(['ab', '--config', variantConfig('hashed-raw', lines)], { env });
    expect(raw.code).toBe(2);
    expect(raw.stderr).toMatch(/the outcome run pseudonymised its customer ids.*\n.*\n?.*pseudonymise: true/s);
    const h = await seglab(['ab', '--config', variantConfig('hashed', [...lines, 'pseudonymise: true']), '--json', '-q'], { env });
    expect(h.code, h.stderr).toBe(0);
    expect(JSON.parse(h.stdout).overall.treatment.conversions).toBe(conversions.offer);
    expect(JSON.parse(h.stdout).overall.control.conversions).toBe(conversions.control);
  }, 120_000);

  it('a window that starts before the assignment, a lifetime figure, and pre without preRun are exit 2 with the fix', async () => {
    const later = join(dir, 'later', readdirSync(join(dir, 'later')).find((f) => f.startsWith('later-'))!);
    const long = await seglab(['ab', '--config', variantConfig('long-window', [mayAssignments(), 'outcomes: ../../later/' + later.split('/').pop(), 'outcome: orders_60d', 'convertedAbove: 0'])]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/was measured on 2026-04-02, before the customer was assigned on 2026-05-01/);
    expect(long.stderr).toContain('"orders_60d" of the run as of 2026-06-01 counts from 2026-04-02: use a run whose asOf is at least 60 days after the last assignment');
    const total = await seglab(['ab', '--config', variantConfig('lifetime', ['outcomes: ../../later/' + later.split('/').pop(), 'outcome: monetary_total', 'metric: revenue'])]);
    expect(total.code).toBe(2);
    expect(total.stderr).toMatch(/covers each customer's whole history/);
    const pre = await seglab(['ab', '--config', variantConfig('no-prerun', ['outcomes: ../../later/' + later.split('/').pop(), 'outcome: spend_30d', 'metric: revenue', 'pre: spend_90d'])]);
    expect(pre.code).toBe(2);
    expect(pre.stderr).toMatch(/needs the run it is read from/);
    const prePost = await seglab(['ab', '--config', variantConfig('pre-after', [mayAssignments(), 'outcomes: ../../later/' + later.split('/').pop(), 'outcome: spend_30d', 'metric: revenue', 'pre: spend_90d', 'preRun: ../../later/' + later.split('/').pop()])]);
    expect(prePost.code).toBe(2);
    expect(prePost.stderr).toMatch(/pre-period value of customer \S+ was measured on 2026-06-01, after the customer was assigned on 2026-05-01/);
  }, 120_000);
});
