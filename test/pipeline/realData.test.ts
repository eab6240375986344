import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRun, type ExportResult } from '../../src/pipeline/exportRun';
import type { ClusterResult } from '../../src/cluster/summary/ClusterResult';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { runPipeline } from '../../src/pipeline/runPipeline';
import { RunFolder } from '../../src/pipeline/RunFolder';
import type { PersonaResult, SegmentPersona } from '../../src/personas/PersonaResult';
import type { Condition } from '../../src/rules/Condition';
import { DATASETS } from '../datasets';
import { removeSecondSample, secondSample } from '../synth/secondSample';

/**
 * Issue 10's bars, on data nobody here generated: every real data set's default config, end to end
 * (run, then export), and the same checks on a second synthetic data set with another seed and segment mix.
 * The defaults must hold on all five: k within the limits, no segment above maxShare, distinct names that
 * agree with the segment's own numbers, a rule for every segment, no contradictory condition, and the
 * outcome's rate wherever the data has one.
 */
const root = join(__dirname, '..', '..');

const out = mkdtempSync(join(tmpdir(), 'seglab-real-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  removeSecondSample();
});

interface Outcome {
  cluster: ClusterResult;
  personas: PersonaResult;
  exported: ExportResult;
  html: string;
  /** The data's usual time between orders: median over repeat buyers (null without orders). */
  cycleDays: number | null;
  recencyMedian: Map<number, number>;
}

async function runAndExport(configPath: string, vars: Record<string, string>, baseDir?: string): Promise<Outcome> {
  const loaded = loadRunConfig(configPath, vars);
  const config = { ...loaded.config, report: { ...loaded.config.report, pdf: false } };
  const { dir } = await runPipeline(config, { baseDir: baseDir ?? loaded.baseDir, outDir: out, configPath: loaded.path });
  const exported = await exportRun(dir);
  const cluster = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as ClusterResult;
  const personas = JSON.parse(readFileSync(join(dir, 'personas.json'), 'utf8')) as PersonaResult;
  // Recomputed here from the feature table, independently of the personas code.
  const table = await new RunFolder(dir).featureTable();
  const gaps = table.numeric.interpurchase_days ? Array.from(table.numeric.interpurchase_days).filter(Number.isFinite) : [];
  const recencyMedian = new Map<number, number>();
  if (table.numeric.recency_days) {
    const by = new Map<number, number[]>();
    cluster.labels.forEach((l, i) => {
      const v = table.numeric.recency_days![i]!;
      if (Number.isFinite(v)) by.set(l, [...(by.get(l) ?? []), v]);
    });
    for (const [l, v] of by) recencyMedian.set(l, median(v));
  }
  return { cluster, personas, exported, html: readFileSync(join(dir, 'report.html'), 'utf8'), cycleDays: gaps.length ? median(gaps) : null, recencyMedian };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[n >> 1]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** A node of a condition's JSON tree (operators, field references, literals), walked without trusting its shape. */
type JsonNode = unknown;

/** Interval bounds every field is held to along each AND-path of a condition; an empty one is a contradiction. */
function contradictions(condition: Condition): string[] {
  const found: string[] = [];
  const walk = (node: JsonNode, bounds: Map<string, { lo: number; loStrict: boolean; hi: number; hiStrict: boolean }>): void => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const [op, args] = Object.entries(node)[0] as [string, JsonNode[]];
    if (op === 'and') {
      const local = new Map([...bounds].map(([k, v]) => [k, { ...v }]));
      for (const a of args) {
        collect(a, local);
        walk(a, local);
      }
      for (const [field, b] of local) if (b.lo > b.hi || (b.lo === b.hi && (b.loStrict || b.hiStrict))) found.push(`${field} in ${b.loStrict ? '(' : '['}${b.lo}, ${b.hi}${b.hiStrict ? ')' : ']'}`);
    } else if (op === 'or') for (const a of args) walk(a, bounds);
    else collect(node, bounds);
  };
  const collect = (node: JsonNode, bounds: Map<string, { lo: number; loStrict: boolean; hi: number; hiStrict: boolean }>): void => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const [op, args] = Object.entries(node)[0] as [string, JsonNode[]];
    if (!['<', '<=', '>', '>='].includes(op) || !Array.isArray(args)) return;
    const terms = args.map((a): { var: string } | { value: number } => (a !== null && typeof a === 'object' && !Array.isArray(a) && 'var' in a ? { var: String((a as { var: unknown }).var) } : { value: a as number }));
    const b = (field: string) => bounds.get(field) ?? (bounds.set(field, { lo: -Infinity, loStrict: false, hi: Infinity, hiStrict: false }), bounds.get(field)!);
    const [x, y] = terms;
    if (terms.length !== 2 || !x || !y) return;
    const upper = (field: string, v: number, strict: boolean) => {
      const t = b(field);
      if (v < t.hi || (v === t.hi && strict)) Object.assign(t, { hi: v, hiStrict: strict });
    };
    const lower = (field: string, v: number, strict: boolean) => {
      const t = b(field);
      if (v > t.lo || (v === t.lo && strict)) Object.assign(t, { lo: v, loStrict: strict });
    };
    const strict = op === '<' || op === '>';
    const less = op === '<' || op === '<=';
    if ('var' in x && 'value' in y) (less ? upper : lower)(x.var, y.value as number, strict);
    else if ('value' in x && 'var' in y) (less ? lower : upper)(y.var, x.value as number, strict);
  };
  walk(condition, new Map());
  return found;
}

function checkDefaults(get: () => Outcome, expectOutcome: string | null): void {
  it('k within the business limits; no segment above maxShare or below minShare', () => {
    const { cluster } = get();
    const sel = cluster.selection!;
    expect(cluster.kSource).toBe('auto');
    expect(cluster.k).toBeGreaterThanOrEqual(2);
    expect(cluster.k).toBeLessThanOrEqual(sel.limits.maxSegments);
    for (const s of cluster.segments) {
      expect(s.share).toBeLessThanOrEqual(sel.limits.maxShare);
      expect(s.share).toBeGreaterThanOrEqual(sel.limits.minShare);
    }
    // The review says whether these are natural groups or a partition for action.
    expect(sel.structure).not.toBeNull();
    if (!sel.structure!.found) {
      expect(get().html).toContain('partition for action');
      const [from, to] = sel.structure!.preferredK;
      const inRange = sel.candidates.filter((c) => c.eligible && c.k >= from && c.k <= to);
      if (inRange.length) expect(cluster.k).toBeGreaterThanOrEqual(from), expect(cluster.k).toBeLessThanOrEqual(to);
    }
  });

  it('distinct names that agree with the segment’s own numbers', () => {
    const { personas, cycleDays, recencyMedian } = get();
    const shown = personas.segments.filter((s): s is SegmentPersona => !s.suppressed);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(new Set(shown.map((s) => s.name)).size).toBe(shown.length);
    let checked = 0;
    for (const s of shown) {
      expect(s.name).not.toMatch(/ \(\d+\)$/); // no "Steady mid-value (2)"
      expect(s.card.apart.length).toBeGreaterThan(20);
      expect(s.card.actions.length > 0 || (s.card.actionsNote ?? '').length > 0).toBe(true);
      const recency = recencyMedian.get(s.id);
      if (cycleDays !== null && recency !== undefined && recency > 2 * cycleDays) {
        expect(s.name).not.toMatch(/steady|loyal|champion/i);
        checked++;
      }
    }
    if (cycleDays !== null) expect(checked, 'at least one inactive segment to check').toBeGreaterThan(0);
  });

  it('a rule for every segment, none contradictory', () => {
    const { exported, cluster } = get();
    const bundle = exported.bundle;
    const ruled = new Set(bundle.segments.map((s) => s.id));
    expect(cluster.segments.length).toBeGreaterThan(1);
    for (const s of cluster.segments) expect(ruled.has(s.id), `segment ${s.id} has a rule`).toBe(true);
    for (const s of bundle.segments) expect(contradictions(s.condition), `segment ${s.id}`).toEqual([]);
  });

  it(expectOutcome ? `shows the outcome rate (${expectOutcome}) per segment` : 'has no outcome KPI (the data has none)', () => {
    const { personas, html } = get();
    const def = personas.kpiDefinitions.find((d) => d.key === 'outcomeRate');
    if (!expectOutcome) {
      expect(def).toBeUndefined();
      return;
    }
    expect(def!.label).toBe(expectOutcome);
    for (const s of personas.segments) if (!s.suppressed) expect(s.kpis.outcomeRate).toEqual(expect.any(Number));
    expect(html).toContain(expectOutcome);
    // … and in the rules' fidelity report, per cluster segment and per rule.
    const { exported } = get();
    expect(exported.outcome!.rate).toBeCloseTo(personas.base.kpis.outcomeRate!, 12);
    for (const s of exported.segments) {
      expect(s.cluster!.outcomeRate).toEqual(expect.any(Number));
      expect(s.rules!.outcomeRate).toEqual(expect.any(Number));
    }
    const report = JSON.parse(readFileSync(exported.reportPath!, 'utf8')) as { outcome: { column: string } | null };
    expect(report.outcome!.column).toMatch(/^(churn|y)$/);
  });
}

const REAL: { name: string; config: string; data: string; outcome: string | null }[] = [
  { name: 'CDNOW', config: 'cdnow.yaml', data: 'CDNOW_master.txt.gz', outcome: null },
  { name: 'Online Retail', config: 'online-retail.yaml', data: 'online_retail_uci_2010_2011.csv.gz', outcome: null },
  { name: 'Telco churn', config: 'telco.yaml', data: 'Telco-Customer-Churn.csv.gz', outcome: 'Churn rate' },
  { name: 'Bank Marketing', config: 'bank-marketing.yaml', data: 'bank-full.csv.gz', outcome: 'Term-deposit subscription rate' },
];

for (const d of REAL) {
  describe(`defaults on real data: ${d.name}`, () => {
    let result: Outcome;
    beforeAll(async () => {
      result = await runAndExport(join(root, 'data', 'configs', d.config), { data: join(DATASETS, d.data) });
    }, 600_000);
    checkDefaults(() => result, d.outcome);
  });
}

describe('defaults on a second synthetic data set (seed 7, another segment mix)', () => {
  let result: Outcome;
  beforeAll(async () => {
    const s = await secondSample();
    result = await runAndExport(s.configPath, {});
  }, 600_000);
  checkDefaults(() => result, null);
});
