import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeJsonLines } from '../../src/pipeline/writeJsonLines';

describe('writeJsonLines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seglab-jsonl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('one row a line, as JSON.stringify writes it', () => {
    const rows = [{ customer_id: 'c1', x: 1.5, s: 'a "q"\n' }, { customer_id: 'c2', x: null, s: null }];
    const file = join(dir, 'small.jsonl');
    writeJsonLines(file, rows);
    expect(readFileSync(file, 'utf8')).toBe(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  });

  it('more text than V8s longest string (a million feature rows of ~1 KB): written in chunks, nothing lost', () => {
    // 550 rows of 1,000,000 characters each: one joined string would pass 2^29 − 24 characters.
    const value = 'x'.repeat(1_000_000);
    const rows = Array.from({ length: 550 }, (_, i) => ({ i, v: value }));
    expect(() => rows.map((r) => JSON.stringify(r)).join('\n')).toThrow(RangeError);
    const file = join(dir, 'big.jsonl');
    writeJsonLines(file, rows);
    const bytes = rows.reduce((n, r) => n + JSON.stringify(r).length + 1, 0);
    expect(statSync(file).size).toBe(bytes);
    rmSync(file);
  }, 60_000);
});
