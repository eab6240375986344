import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KMeans } from '../../src/cluster/kmeans/KMeans';
import { selectK } from '../../src/cluster/selection/selectK';
import { Matrix } from '../../src/core/Matrix';
import { Rng } from '../../src/core/rng';
import type { FeatureColumn } from '../../src/features/FeatureDefinition';
import type { FeatureTable } from '../../src/features/readFeatureTable';
import { assembleReport } from '../../src/pipeline/assembleReport';
import type { ClusterResult } from '../../src/cluster/summary/ClusterResult';
import { loadRunConfig } from '../../src/pipeline/loadRunConfig';
import { renderReportHtml } from '../../src/report/renderReportHtml';
import { renderReportMarkdown } from '../../src/report/renderReportMarkdown';

const root = join(__dirname, '..', '..');

/**
 * A feature table of n customers in 6 segments plus one of 30 customers, with a city column of 500
 * values (some held by a handful of customers): what a large base looks like to the report.
 */
function largeBase(n: number): { table: FeatureTable; columns: FeatureColumn[]; labels: number[] } {
  const rng = new Rng(11);
  const specs: [string, FeatureColumn['unit'], (seg: number) => number][] = [
    ['recency_days', 'days', (s) => 10 + 60 * s * rng.next()],
    ['orders_90d', 'orders', (s) => Math.round((6 - s) * rng.next())],
    ['orders_365d', 'orders', (s) => Math.round(4 * (6 - s) * rng.next())],
    ['frequency', 'orders', (s) => 1 + Math.round(8 * (6 - s) * rng.next())],
    ['monetary_total', 'currency', (s) => 100 * (7 - s) * rng.next()],
    ['spend_365d', 'currency', (s) => 50 * (7 - s) * rng.next()],
    ['monetary_avg', 'currency per order', (s) => 20 + 10 * s * rng.next()],
    ['discount_share', 'share', (s) => (s === 3 ? 0.8 : 0.2) * rng.next()],
    ['sessions_90d', 'sessions', (s) => 10 * rng.next() + (s === 4 ? 20 : 0)],
    ['cart_abandonment_rate', 'ratio', (s) => (s === 4 ? 0.9 : 0.3) * rng.next()],
    ['email_open_rate', 'ratio', () => rng.next()],
    ['tenure_days', 'days', (s) => (s === 5 ? 60 : 900) * rng.next()],
    ['days_since_last_session', 'days', (s) => 5 + 30 * s * rng.next()],
    ['r_score', 'score', (s) => 5 - (s % 5)],
    ['f_score', 'score', (s) => 1 + (s % 5)],
  ];
  const labels = new Array<number>(n);
  const numeric: Record<string, Float64Array> = Object.fromEntries(specs.map(([name]) => [name, new Float64Array(n)]));
  const city = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const seg = i < 30 ? 6 : i % 6;
    labels[i] = seg;
    for (const [name, , draw] of specs) numeric[name]![i] = draw(seg % 6);
    // 500 cities, skewed; "Hamlet" has 40 customers (below minGroupSize 50).
    city[i] = i % 25_000 === 7 ? 'Hamlet' : `city-${Math.floor(500 * rng.next() ** 3)}`;
  }
  const ids = Array.from({ length: n }, (_, i) => `c${String(i).padStart(7, '0')}`);
  const columns: FeatureColumn[] = [
    { name: 'customer_id', role: 'id', description: 'Customer identifier.' },
    ...specs.map(([name, unit]) => ({ name, role: 'numeric' as const, description: name, unit })),
    { name: 'city', role: 'categorical', description: 'City.', unit: 'label' },
  ];
  return { table: { rowCount: n, ids, names: columns.slice(1).map((c) => c.name), numeric, categorical: { city } }, columns, labels };
}

describe('assembleReport on a large base', () => {
  it('keeps report.html under 5 MB for 1M customers: aggregates and a bounded sample, never the table', () => {
    const n = 1_000_000;
    const { table, columns, labels } = largeBase(n);
    const { config } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'));
    const cluster = {
      algorithm: 'kmeans',
      k: 7,
      kSource: 'config',
      features: [],
      labels,
      selection: null,
      stability: null,
    } as unknown as ClusterResult;
    const { personas, data } = assembleReport({ config, runId: 'large', table, featureColumns: columns, cluster, quality: null, baseDir: root });
    const html = renderReportHtml(data);
    const bytes = Buffer.byteLength(html);
    expect(bytes).toBeLessThan(5e6);
    expect(Buffer.byteLength(renderReportMarkdown(data))).toBeLessThan(200_000);
    expect(data.projection!.sampled).toBe(5000);
    // The 30-customer segment is suppressed everywhere, and the smallest other one with it (otherwise the 30
    // would be the total minus the published segments); so are the rare cities.
    expect(personas.segments.find((s) => s.id === 6)).toMatchObject({ suppressed: true, why: 'small' });
    const complementary = personas.segments.filter((s) => s.suppressed && s.why === 'complementary').map((s) => s.id);
    expect(complementary).toHaveLength(1);
    const hiddenCustomers = labels.filter((l) => l === 6 || l === complementary[0]).length;
    expect(data.projection!.total).toBe(n - hiddenCustomers);
    expect(data.projection!.segment).not.toContain(6);
    expect(data.projection!.segment).not.toContain(complementary[0]);
    const published = JSON.stringify(personas);
    const counts = new Map<string, number>();
    for (const c of table.categorical.city!) counts.set(c!, (counts.get(c!) ?? 0) + 1);
    const rare = [...counts].filter(([, count]) => count < 50).map(([c]) => c);
    expect(rare).toContain('Hamlet');
    for (const c of rare) expect(published).not.toContain(`"${c}"`);
  }, 120_000);
});

describe('assembleReport: the choice of k', () => {
  const { table, columns, labels } = largeBase(600);
  const { config } = loadRunConfig(join(root, 'data', 'configs', 'sample.yaml'));
  const X = Matrix.fromColumns({ a: table.numeric.recency_days!, b: table.numeric.tenure_days!, c: table.numeric.sessions_90d! });
  const selection = selectK(X, (k) => new KMeans({ k, seed: 3, threads: 1 }), { ks: [2, 3, 4, 5], gap: { nRefs: 3 } });
  const report = (sel: unknown) =>
    assembleReport({ config, runId: 'sel', table, featureColumns: columns, cluster: { algorithm: 'kmeans', k: 7, kSource: 'auto', features: [], labels, selection: sel, stability: null } as unknown as ClusterResult, quality: null, baseDir: root }).data.clustering.selection!;

  it('carries every registered measure per k, and reads runs written before the registry (measures as fields) alike', () => {
    const curves = report(selection);
    expect(curves.ks).toEqual([2, 3, 4, 5]);
    expect(Object.keys(curves.metrics)).toEqual(['inertia', 'silhouette', 'calinskiHarabasz', 'daviesBouldin', 'bic', 'aic', 'gap', 'gapS']);
    expect(curves.metrics.silhouette).toEqual(selection.candidates.map((c) => c.metrics.silhouette));
    expect(curves.metrics.gapS.every((v) => typeof v === 'number')).toBe(true);
    // selection schemaVersion 1: inertia, silhouette, … were fields of each candidate.
    const legacy = { ...selection, schemaVersion: 1, candidates: selection.candidates.map(({ metrics, methods, ...c }) => ({ ...c, ...metrics, inertiaSource: methods.inertia, silhouetteMethod: methods.silhouette })) };
    expect(report(legacy)).toEqual(curves);
  });
});
