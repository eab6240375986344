import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterResult } from '../cluster/summary/ClusterResult';
import { inputError } from '../core/errors';
import type { FeatureTable } from '../features/readFeatureTable';
import { clvFileSchema, type ClvFile } from './ClvResult';
import type { RunFolder } from './RunFolder';

const HINT = 'run the clv stage again (seglab run --config <file> with a clv: section), or remove clv.json to render the review without customer value';

/**
 * The clv stage's clv.json read back for `seglab report` (schema-checked: a bad field is an error naming the file
 * and the field), checked against the run's segments and feature table; undefined when the run has no clv.json.
 */
export function readRunClv(run: RunFolder, table: FeatureTable, cluster: ClusterResult): ClvFile | undefined {
  const path = join(run.dir, 'clv.json');
  if (!existsSync(path)) return undefined;
  const file = run.read('clv.json', clvFileSchema, HINT);
  const damaged = (what: string, field: string): Error => inputError({ summary: `${path} does not match the run's other files; the run folder may be damaged.`, check: 'run-file', what, where: { file: path, field }, fix: HINT });
  const missing = ['clv', 'p_alive', 'expected_purchases'].filter((c) => !table.numeric[c]);
  if (missing.length) throw damaged(`features.parquet has no ${missing.join(', ')} column, which the clv stage adds`, 'segments');
  if (file.segments) {
    const counts = new Map<number, number>();
    for (const l of cluster.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    const bad = file.segments.findIndex((s) => counts.get(s.id) !== s.customers);
    if (bad >= 0) {
      const s = file.segments[bad]!;
      throw damaged(`segment ${s.id} has ${s.customers} customers here and ${counts.get(s.id) ?? 0} in cluster.json`, `segments[${bad}].customers`);
    }
  }
  return file;
}
