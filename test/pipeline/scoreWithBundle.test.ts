import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckSession, quoteLiteral } from '../../src/data/DuckSession';
import { scoreWithBundle } from '../../src/pipeline/scoreWithBundle';
import { bundleChecksum } from '../../src/rules/bundleChecksum';
import type { RuleBundle } from '../../src/rules/RuleBundle';
import { HOSTILE_IDS } from '../core/hostileValues';
import { smallBundle } from '../rules/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'seglab-score-'));

/** A lead-scoring bundle over the same fields as smallBundle, with fractional points. */
function scoreBundle(): RuleBundle {
  const { checksum: _c, ...b } = smallBundle();
  const s: Omit<RuleBundle, 'checksum'> = {
    ...b,
    kind: 'score',
    name: 'lead',
    segments: [],
    fallback: null,
    score: { base: -2.5, rules: [{ condition: { '<=': [{ var: 'recency_days' }, 30] }, points: 10.25 }, { condition: { '==': [{ var: 'city' }, 'Paris'] }, points: -0.1 }] },
  };
  return { ...s, checksum: bundleChecksum(s) };
}

describe('seglab score: both engines write the same bytes, hostile ids included', () => {
  const input = join(dir, 'input.parquet');
  const segments = join(dir, 'segments.v1.json');
  const lead = join(dir, 'lead.v1.json');
  beforeAll(async () => {
    writeFileSync(segments, JSON.stringify(smallBundle()));
    writeFileSync(lead, JSON.stringify(scoreBundle()));
    const session = await DuckSession.open();
    try {
      // 2 × 15 hostile ids (a -n suffix keeps them unique) plus 3,000 ordinary ones.
      const ids = [...HOSTILE_IDS, ...HOSTILE_IDS.map((id) => `${id}-2`), ...Array.from({ length: 3000 }, (_, i) => `C${String(i).padStart(6, '0')}`)];
      await session.run('CREATE TABLE t (customer_id VARCHAR, recency_days DOUBLE, city VARCHAR)');
      const a = await session.connection.createAppender('t');
      ids.forEach((id, i) => {
        a.appendVarchar(id);
        if (i % 11 === 0) a.appendNull();
        else a.appendDouble(i % 90);
        a.appendVarchar(['Paris', 'Lyon', '=cmd', 'Zoë'][i % 4]!);
        a.endRow();
      });
      a.closeSync();
      await session.run(`COPY t TO ${quoteLiteral(input)} (FORMAT parquet)`);
    } finally {
      session.close();
    }
  });

  for (const kind of ['segments', 'score'] as const) {
    it(`${kind}: columnar and DuckDB files are byte-identical and parse back to one record per customer`, async () => {
      const bundle = kind === 'segments' ? segments : lead;
      const a = join(dir, `${kind}-columnar.csv`);
      const b = join(dir, `${kind}-duckdb.csv`);
      const ra = await scoreWithBundle(bundle, input, { out: a, engine: 'columnar' });
      const rb = await scoreWithBundle(bundle, input, { out: b, engine: 'duckdb' });
      expect(ra.rows).toBe(3030);
      expect(rb.rows).toBe(3030);
      const text = readFileSync(a, 'utf8');
      expect(readFileSync(b, 'utf8')).toBe(text);
      // Formula starts guarded, CR and LF inside quotes, numbers (negative scores too) unguarded.
      expect(text).toContain(`"'=1+1",`);
      expect(text).toContain(`"'@SUM(A1)",`);
      expect(text).toContain(`"'\ry",`);
      expect(text).toContain('"a\rb",');
      expect(text).toContain('\n-42,');
      if (kind === 'score') expect(text).toMatch(/\nC000010,-2\.6\nC000011,-2\.5\n/);
      const session = await DuckSession.open();
      try {
        const columns = `{'customer_id': 'VARCHAR', '${kind === 'score' ? 'score' : 'segment'}': 'DOUBLE'}`;
        const n = await session.scalar(`SELECT count(*) FROM read_csv(${quoteLiteral(a)}, header = true, quote = '"', escape = '"', columns = ${columns}, strict_mode = true)`);
        expect(Number(n)).toBe(3030);
      } finally {
        session.close();
      }
    });
  }

  it('--csv-raw (csvFormulaGuard: false) writes the ids as they are, still identically in both engines', async () => {
    const a = join(dir, 'raw-columnar.csv');
    const b = join(dir, 'raw-duckdb.csv');
    await scoreWithBundle(segments, input, { out: a, engine: 'columnar', csvFormulaGuard: false });
    await scoreWithBundle(segments, input, { out: b, engine: 'duckdb', csvFormulaGuard: false });
    const text = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(text);
    expect(text).toContain('\n=1+1,');
    expect(text).toContain('\n"\ry",');
    expect(text).not.toContain("'=");
  });
});
