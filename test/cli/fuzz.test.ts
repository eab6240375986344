import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Rng } from '../../src/core/rng';
import { seglab, tempDir, type RunResult } from './helpers';

/**
 * Bad input must be refused with a message (exit 2), never crash (exit 1, a stack trace), and never
 * leave files outside the --out folder. Random bytes, random CSV shapes and random configs go through
 * `seglab profile` and `seglab run --stages load,profile,features`. Seeded: the same cases every run;
 * SEGLAB_FUZZ_SEED and SEGLAB_FUZZ_CASES explore others (a failure names its case and seed).
 */
const SEED = Number(process.env.SEGLAB_FUZZ_SEED ?? 20260701);
const CASES = Number(process.env.SEGLAB_FUZZ_CASES ?? 14);
/** Child processes at once: the machine has two cores. */
const PARALLEL = 2;

interface FuzzCase {
  name: string;
  /** Faults put into the data file, for the report. */
  faults?: string[];
  /** Files written into the case folder before the command runs. */
  files: Record<string, Buffer>;
  args: string[];
}

interface Outcome {
  fuzz: FuzzCase;
  result: RunResult;
  /** Files found afterwards outside out/, other than the inputs. */
  strays: string[];
}

const pick = <T,>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)]!;

// ---------------------------------------------------------------------------------------------
// Random CSV shapes: most files carry one to three faults, the others none, so that both the refusals
// and the paths that go on to the profile and the features are exercised.

type TableName = 'customers' | 'transactions' | 'events';
const TABLE_COLUMNS: Record<TableName, { required: string[]; optional: string[] }> = {
  customers: { required: ['customer_id'], optional: ['signup_date', 'age', 'gender', 'region', 'email_opt_in', 'note', 'x1'] },
  transactions: { required: ['customer_id', 'ts', 'amount'], optional: ['order_id', 'items', 'category', 'channel', 'discount_used', 'note', 'x1'] },
  events: { required: ['customer_id', 'ts', 'event_type'], optional: ['session_id', 'note'] },
};
const GOOD: Record<string, readonly string[]> = {
  id: ['c1', 'c2', 'c3', 'C4', '17850.0', 'c5'],
  date: ['2024-01-05', '2024-02-29 10:00:00', '2024-03-01T08:00:00', '2023-12-31 23:59:59'],
  number: ['12.5', '-3', '0', '7', '1e3', ' 4 '],
  flag: ['yes', 'no', 'true', '0', '1'],
  event: ['session', 'product_view', 'add_to_cart', 'email_open'],
  text: ['plain', '"a, b"', 'café', '€', '"x ""y"""', '"two\nlines"', '😀', "it's", 'web'],
};
const BAD: Record<string, readonly string[]> = {
  id: ['', ' ', 'NULL'],
  date: ['2023-02-29', '2026-02-30', '05/01/2024', 'yesterday', '99999-01-01', '2024-01-05T10:00:00Z'],
  number: ['abc', '1e309', 'NaN', '-inf', '1,5', '١٢', '0x10', '9'.repeat(400)],
  flag: ['maybe', '2'],
  event: ['page_ping', ''],
  text: ['\u0000', '"open', 'x"y', '12" pizza'],
};
const KIND: Record<string, string> = {
  customer_id: 'id', order_id: 'id', session_id: 'id', ts: 'date', signup_date: 'date', amount: 'number', items: 'number', age: 'number',
  discount_used: 'flag', email_opt_in: 'flag', event_type: 'event',
};
const FAULTS = ['value', 'value', 'ragged', 'unclosed-quote', 'duplicate-header', 'no-header', 'encoding', 'huge-field', 'empty', 'header-only', 'random-bytes', 'bom', 'crlf', 'gzip', 'missing-column'] as const;

interface RandomFile {
  bytes: Buffer;
  ext: string;
  /** What was put wrong in it (none: a valid file). */
  faults: string[];
}

function randomCsv(rng: Rng, table: TableName): RandomFile {
  const faults = new Set(rng.bernoulli(0.35) ? [] : Array.from({ length: 1 + rng.int(3) }, () => pick(rng, FAULTS)));
  const done = (bytes: Buffer, ext: string): RandomFile => ({ bytes, ext, faults: [...faults] });
  if (faults.has('empty')) return done(Buffer.alloc(0), '.csv');
  if (faults.has('random-bytes')) return done(randomBytes(rng, rng.int(3000)), pick(rng, ['.csv', '.txt', '.json', '.parquet', '.tsv', '.csv.gz']));
  const delimiter = pick(rng, [',', ',', ';', '\t', '|']);
  const spec = TABLE_COLUMNS[table];
  let columns = [...spec.required, ...spec.optional.filter(() => rng.bernoulli(0.4))];
  if (faults.has('missing-column')) columns = columns.slice(1);
  if (faults.has('duplicate-header')) columns.push(pick(rng, columns));
  const lines: string[] = [];
  if (!faults.has('no-header')) lines.push(columns.join(delimiter));
  const rows = faults.has('header-only') ? 0 : 1 + rng.int(40);
  const faultRow = rng.int(rows);
  for (let r = 0; r < rows; r++) {
    const fields = columns.map((c) => pick(rng, GOOD[KIND[c] ?? 'text']!));
    if (r === faultRow) {
      const at = rng.int(fields.length);
      if (faults.has('value')) fields[at] = pick(rng, BAD[KIND[columns[at]!] ?? 'text']!);
      if (faults.has('unclosed-quote')) fields[at] = '"never closed';
      if (faults.has('huge-field')) fields[at] = 'y'.repeat(3_000_000);
      if (faults.has('ragged')) fields.splice(at, rng.bernoulli(0.5) ? 1 : 0, ...(rng.bernoulli(0.5) ? ['extra'] : []));
    }
    lines.push(fields.join(delimiter));
  }
  const eol = faults.has('crlf') ? '\r\n' : '\n';
  let text = lines.join(eol) + (rng.bernoulli(0.9) ? eol : '');
  if (faults.has('bom')) text = `\uFEFF${text}`;
  let bytes = Buffer.from(text, 'utf8');
  if (faults.has('encoding')) {
    const encoding = pick(rng, ['latin1', 'utf16le', 'cp1252']);
    if (encoding === 'cp1252') bytes = Buffer.from(text.replace(/€/g, '\x80').replace(/😀/g, '\x92'), 'latin1');
    else if (encoding === 'utf16le') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    else bytes = Buffer.from(text, 'latin1');
  }
  if (faults.has('gzip')) return done(gzipSync(bytes), '.csv.gz');
  return done(bytes, delimiter === '\t' ? '.tsv' : pick(rng, ['.csv', '.csv', '.txt']));
}

function randomBytes(rng: Rng, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(256);
  return b;
}

// ---------------------------------------------------------------------------------------------
// Random configs

const BAD_DATES = ['2026-02-30', '2026-13-01', '2025-02-29', 'tomorrow', '', '2026-07-01T25:00:00', '0000-00-00', 20260701, null, ['2026-07-01'], '2026-07-01'];
const TABLE_KEYS: Record<string, (rng: Rng) => unknown> = {
  format: (rng) => pick(rng, ['auto', 'csv', 'parquet', 'json', 'whitespace', 'xlsx', 3]),
  delimiter: (rng) => pick(rng, [',', ';', '\t', '|', '', '::', 'abcde', 7]),
  quote: (rng) => pick(rng, ['"', "'", '', '""', null]),
  header: (rng) => pick(rng, [true, false, 'yes', 1]),
  encoding: (rng) => pick(rng, ['utf-8', 'latin-1', 'cp1252', 'utf-16', 'ebcdic', true]),
  nullValues: (rng) => pick(rng, [['NA'], [' '], 'NA', [1], []]),
  missingValues: (rng) => pick(rng, [{ amount: [-1] }, { nope: [1] }, { amount: [] }, { amount: 'x' }, { amount: [{}] }, [1]]),
  timestampFormat: (rng) => pick(rng, ['%d/%m/%Y', ['%Y-%m-%d', '%d/%m/%Y'], '%Q', '', [], 5]),
  columns: (rng) =>
    pick(rng, [
      { amount: 'amount' },
      { amount: { sql: 'amount * 2' } },
      { amount: { sql: 'nope(' } },
      { 'bad name': 'x' },
      { __row: 'note' },
      { __reason: 'note' },
      { rowid: 'customer_id' },
      { amount: 'missing' },
      'x',
      { amount: { sql: '' } },
      { amount: { sql: 'TRY_CAST(amount AS DOUBLE) / 0' } },
      { ts: { sql: "strptime(ts, '%Y')" } },
      { note2: { sql: 'lag(customer_id) OVER (ORDER BY __row)' } },
      { customer_id: { sql: "'id-' || __row" } },
    ]),
  roles: (rng) => pick(rng, [{ note: 'categorical' }, { amount: 'numeric' }, { x1: 'label' }, []]),
  keepUnmapped: (rng) => pick(rng, [true, false, 'true']),
  filter: (rng) => pick(rng, ['amount > 0', 'nope > 1', '1 = 1; DROP TABLE transactions', '', 'amount >']),
  onInvalid: (rng) => pick(rng, ['error', 'drop', 'null', null, 'skip', { default: 'drop', items: null }, { amonut: 'drop' }, 4]),
  path: (rng) => pick(rng, ['missing.csv', '.', '', '/dev/null', 3]),
  [`unknown_${'k'}`]: () => 1,
};

function randomConfig(rng: Rng, table: TableName, dataFile: string): string {
  if (rng.bernoulli(0.05)) return pick(rng, ['name: [unclosed\n', '\t- tabs\n', 'a: b: c\n', '', '{}', '[]', '---\n...\n', 'name: x\nname: y\n']);
  const source: Record<string, unknown> = { path: dataFile, ...(rng.bernoulli(0.5) ? { keepUnmapped: true } : {}) };
  const config: Record<string, unknown> = { name: 'fuzz', asOf: '2024-06-30', data: { [table]: source } };
  const mutations = rng.bernoulli(0.4) ? 0 : 1 + rng.int(3);
  for (let i = 0; i < mutations; i++) {
    const where = rng.int(10);
    if (where < 7) {
      const key = pick(rng, Object.keys(TABLE_KEYS));
      source[key] = TABLE_KEYS[key]!(rng);
    } else if (where === 7) {
      config.asOf = pick(rng, BAD_DATES);
    } else if (where === 8) {
      config[pick(rng, ['name', 'seed', 'features', 'stages', 'output', 'extra', 'schemaVersion'])] = pick(rng, [-1, 'x y', { a: 1 }, ['load'], null, 1.5, '']);
    } else {
      config.data = pick(rng, [null, [], 'x', {}, { ...(config.data as object), pseudonymise: pick(rng, [{ key: 'k' }, { keyEnv: 'bad name' }, { enabled: true }]) }]);
    }
  }
  return stringify(config);
}

// ---------------------------------------------------------------------------------------------
// Cases

function makeCases(seed: number, n: number): FuzzCase[] {
  const rng = Rng.derive(seed, 'fuzz');
  const tables: TableName[] = ['transactions', 'customers', 'events'];
  const cases: FuzzCase[] = [];
  for (let i = 0; i < n; i++) {
    const table = pick(rng, tables);
    const { bytes, ext, faults } = randomCsv(rng, table);
    const file = `data${ext}`;
    cases.push({ name: `profile-file-${i}`, faults, files: { [file]: bytes }, args: ['profile', file, '--table', table] });
  }
  for (let i = 0; i < n; i++) {
    const table = pick(rng, tables);
    const { bytes, ext, faults } = randomCsv(rng, table);
    const file = `data${ext}`;
    const config = Buffer.from(randomConfig(rng, table, file));
    const asOf = rng.bernoulli(0.2) ? ['--as-of', String(pick(rng, BAD_DATES))] : [];
    const files = { [file]: bytes, 'config.yaml': config };
    if (rng.bernoulli(0.5)) cases.push({ name: `run-config-${i}`, faults, files, args: ['run', '--config', 'config.yaml', '--stages', 'load,profile,features', '--out', 'out', ...asOf] });
    else cases.push({ name: `profile-config-${i}`, faults, files, args: ['profile', '--config', 'config.yaml', ...asOf] });
  }
  return cases;
}

/** Fixed cases: known ways in, each once. */
const FIXED: FuzzCase[] = [
  { name: 'run-as-of-feb-30', files: {}, args: ['run', '--config', '${root}/data/configs/sample.yaml', '--as-of', '2026-02-30', '--stages', 'load,profile,features', '--out', 'out'] },
  { name: 'profile-as-of-feb-30', files: {}, args: ['profile', '--config', '${root}/data/configs/sample.yaml', '--as-of', '2026-02-30'] },
  { name: 'run-load-only-as-of-feb-30', files: {}, args: ['run', '--config', '${root}/data/configs/sample.yaml', '--as-of', '2026-02-30', '--stages', 'load', '--out', 'out'] },
  { name: 'profile-path-as-of-feb-30', files: { 'tx.csv': Buffer.from('customer_id,ts,amount\nc1,2024-01-01,1\n') }, args: ['profile', 'tx.csv', '--table', 'transactions', '--as-of', '2026-02-30'] },
  { name: 'profile-empty-file', files: { 'transactions.csv': Buffer.alloc(0) }, args: ['profile', 'transactions.csv'] },
  { name: 'profile-bom-only', files: { 'transactions.csv': Buffer.from([0xef, 0xbb, 0xbf]) }, args: ['profile', 'transactions.csv'] },
  { name: 'profile-utf16', files: { 'transactions.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('customer_id,ts,amount\nc1,2024-01-01,1\n', 'utf16le')]) }, args: ['profile', 'transactions.csv'] },
  { name: 'profile-folder-without-tables', files: { 'notes.txt': Buffer.from('hello\n') }, args: ['profile', '.'] },
  { name: 'profile-huge-line', files: { 'transactions.csv': Buffer.from(`customer_id,ts,amount,note\nc1,2024-01-01,1,ok\nc2,2024-01-02,2,${'y'.repeat(3_000_000)}\n`) }, args: ['profile', 'transactions.csv'] },
];

async function runCase(root: string, fuzz: FuzzCase, index: number): Promise<Outcome> {
  const dir = join(root, `${String(index).padStart(3, '0')}-${fuzz.name}`);
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  for (const [name, content] of Object.entries(fuzz.files)) writeFileSync(join(dir, name), content);
  const repo = join(__dirname, '..', '..');
  const args = fuzz.args.map((a) => a.replace('${root}', repo));
  // TMPDIR inside the case folder: what seglab leaves in the temporary folder is seen as a stray.
  const result = await seglab(['-q', ...args], { cwd: dir, env: { TMPDIR: tmp, SEGLAB_PSEUDONYM_KEY: '' } });
  const strays = listFiles(dir).filter((f) => !(f in fuzz.files) && !f.startsWith('out/'));
  return { fuzz, result, strays };
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, base) : [relative(base, path)];
  });
}

/** What is wrong with an outcome, or nothing. */
function verdict(o: Outcome): string[] {
  const { code, stderr } = o.result;
  const wrong: string[] = [];
  if (code !== 0 && code !== 2) wrong.push(`exit ${code}`);
  if (code === 2 && !/^seglab: |error: /m.test(stderr)) wrong.push('exit 2 without a message on stderr');
  if (/unexpected failure/.test(stderr)) wrong.push('"unexpected failure"');
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(stderr)) wrong.push('a stack trace');
  // A message is for reading: a 3 MB field is not echoed back.
  if (stderr.length > 8_000) wrong.push(`${stderr.length.toLocaleString('en-US')} characters on stderr`);
  if (o.strays.length) wrong.push(`files outside --out: ${o.strays.join(', ')}`);
  return wrong;
}

describe(`fuzz: bad input exits 0 or 2 with a message, never crashes, writes only under --out (seed ${SEED})`, () => {
  it(`${FIXED.length} fixed and ${2 * CASES} random cases`, async () => {
    const cases = [...FIXED, ...makeCases(SEED, CASES)];
    const root = tempDir('seglab-fuzz-');
    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < cases.length) {
          const i = next++;
          outcomes[i] = await runCase(root, cases[i]!, i);
        }
      }),
    );
    if (process.env.SEGLAB_FUZZ_VERBOSE) {
      for (const [i, o] of outcomes.entries()) console.log(`#${i} ${o.fuzz.name} [${o.fuzz.faults?.join(' ') ?? ''}] exit ${o.result.code}: ${o.result.stderr.split('\n').slice(0, 3).join(' | ').slice(0, 300)}`);
    }
    const failures = outcomes
      .map((o, i) => ({ o, i, wrong: verdict(o) }))
      .filter((f) => f.wrong.length)
      .map((f) => `#${f.i} ${f.o.fuzz.name} [${f.o.fuzz.faults?.join(' ') ?? ''}] (seed ${SEED}, folder ${root}): ${f.wrong.join('; ')}\n  seglab ${f.o.fuzz.args.join(' ')}\n  ${f.o.result.stderr.slice(0, 600).replace(/\n/g, '\n  ')}`);
    expect(failures, failures.join('\n\n')).toEqual([]);
    // The cases reach both outcomes: some inputs are fine, most are refused.
    const codes = outcomes.map((o) => o.result.code);
    expect(codes.filter((c) => c === 0).length, `exit codes: ${codes.join(' ')}`).toBeGreaterThan(0);
    expect(codes.filter((c) => c === 2).length, `exit codes: ${codes.join(' ')}`).toBeGreaterThan(0);
    // A line longer than the reader takes is named by its number.
    const huge = outcomes.find((o) => o.fuzz.name === 'profile-huge-line')!;
    expect(huge.result.code).toBe(2);
    expect(huge.result.stderr).toMatch(/line 3\b/);
    // The fixed as-of cases are refused as bad input.
    for (const o of outcomes.filter((x) => x.fuzz.name.includes('as-of-feb-30'))) {
      expect(o.result.code, `${o.fuzz.name}: ${o.result.stderr}`).toBe(2);
      expect(o.result.stderr).toContain('2026-02-30');
    }
  }, 240_000);
});
