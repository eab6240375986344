import { assertUnreachable } from '../../core/assertUnreachable';
import { inputError, savedJsonError, usageError } from '../../core/errors';
import { transformerFromJSON } from '../../features/transformers/transformerFromJSON';
import type { TransformerJSON } from '../../features/transformers/Transformer';
import { quoteIdentifier } from '../../rules/sql/quoteIdentifier';
import { quoteLiteral } from '../../rules/sql/quoteLiteral';
import { dialectNumber } from '../../rules/sql/sqlNumber';
import { assertSqlDialect, type SqlDialect } from '../../rules/sql/SqlDialect';
import { KMeansModel } from '../kmeans/KMeansModel';
import { MiniBatchKMeansModel } from '../minibatch/MiniBatchKMeansModel';
import { GaussianMixtureModel } from '../mixture/GaussianMixtureModel';
import { KPrototypesModel } from '../kprototypes/KPrototypesModel';
import { MISSING_LEVEL } from '../CategoricalMatrix';
import { packedLowerSize } from '../mixture/linalg/invertLowerTriangular';

/** The dialects the assignment compiles to (checked on ClickHouse 18.16: no log1p, no sign, no window functions needed). */
export const ASSIGN_SQL_DIALECTS = ['duckdb', 'postgres', 'clickhouse'] as const;
export type AssignSqlDialect = (typeof ASSIGN_SQL_DIALECTS)[number];

/** The clusterings whose assignment is a formula of one row (DBSCAN's needs every core point). */
export const ASSIGNABLE_CLUSTERINGS = ['kmeans', 'minibatch-kmeans', 'gmm', 'kprototypes'] as const;

export interface ClusterAssignSqlOptions {
  /** The feature table, a plain name (quoted here). Give this or `from`. */
  table?: string;
  /** A relation as SQL text, trusted as is (e.g. `(SELECT …)` or `db.features`): for a statement the caller built. */
  from?: string;
  /** The customer id column (default customer_id). */
  id?: string;
  /** The output column of the label (default segment). */
  segment?: string;
  /** The table's columns, when known: a feature the steps or the model need and the table lacks is an InputError naming it. */
  columns?: readonly string[];
}

/**
 * The segment of every customer as one SQL statement, from the fitted preparation steps (cluster.json's
 * `steps`: SimpleImputer, Log1pTransformer incl. the signed log, StandardScaler / RobustScaler) and the
 * fitted model's JSON, so that a warehouse or a ClickHouse cluster assigns without seglab. Returns rows
 * (id, segment) with the 0-based label that the model's predict gives the prepared row:
 * - k-means and mini-batch k-means: the nearest centre, squared distances summed as predict sums them
 *   (even columns, odd columns, then the two), lowest index on ties;
 * - Gaussian mixture (every covariance type): the largest log w + log N(x | μ, Σ), the terms predict adds
 *   (means, precision Cholesky factors and per-component constants written as exact literals), first on ties;
 * - k-prototypes: the smallest squared distance on the numeric columns + gamma × the categorical columns
 *   that differ from the prototype's mode (compared by level name; NULL is the level "(missing)", as the
 *   cluster stage encodes it), lowest index on ties.
 * Arithmetic is IEEE double in each dialect with the operations in the JavaScript order, so the only
 * difference from predict is log1p: no dialect has it (ClickHouse 18.16 lacks it), so it is LN(1 + x), which
 * differs from Math.log1p by at most a few units in the last place; that moves a label only at a near tie
 * (two distances equal to ~1e-15 relative). Likewise the mixture's predict takes the first largest
 * normalised responsibility exp(v − logsumexp v), which can only merge two values v at a near tie. A customer with a missing value that no step fills, or a value
 * the log cannot take (x ≤ −1 for the plain log1p), gets segment NULL (predict would refuse the row).
 */
export function clusterAssignSql(steps: readonly unknown[], model: unknown, dialect: SqlDialect, options: ClusterAssignSqlOptions): string {
  assertSqlDialect(dialect);
  if (!(ASSIGN_SQL_DIALECTS as readonly string[]).includes(dialect)) {
    throw usageError('clusterAssignSql', `the assignment is not compiled to ${dialect}`, `dialects: ${ASSIGN_SQL_DIALECTS.join(', ')}`);
  }
  const d = dialect as AssignSqlDialect;
  if (!Array.isArray(steps)) throw usageError('clusterAssignSql', `steps must be the array of fitted steps (cluster.json's steps), got ${typeof steps}`);
  if ((options.table === undefined) === (options.from === undefined)) throw usageError('clusterAssignSql', 'give exactly one of options.table and options.from');
  const q = (name: string) => quoteIdentifier(name, d);
  const num = (x: number) => dialectNumber(x, d);
  const id = options.id ?? 'customer_id';
  const segment = options.segment ?? 'segment';
  const scorer = assignmentOf(model);

  // The prepared columns: each step rewrites the expressions of the columns it changes, in order.
  const parsed = steps.map((s, i) => parseStep(s, i));
  const inputColumns = parsed[0]?.inputColumns ?? scorer.columns;
  parsed.forEach((s, i) => {
    if (!sameList(s.inputColumns, inputColumns)) {
      throw usageError('clusterAssignSql', `steps[${i}] (${s.kind}) works on columns ${s.inputColumns.join(', ')}, but steps[0] on ${inputColumns.join(', ')}`, 'pass the steps of one preparation, in order');
    }
  });
  const categorical = scorer.categorical ?? [];
  if (!sameList(scorer.columns, inputColumns)) {
    throw usageError('clusterAssignSql', `the model was fitted on columns ${scorer.columns.join(', ')}, the steps prepare ${inputColumns.join(', ')}`, 'pass the steps and the model of the same cluster.json');
  }
  if (options.columns) {
    const missing = [id, ...inputColumns, ...categorical].filter((c) => !options.columns!.includes(c));
    if (missing.length) {
      throw inputError({
        check: 'missing-column',
        what: `the feature table has no column ${missing.map((c) => `"${c}"`).join(', ')}, which the fitted ${missing.includes(id) ? 'assignment' : 'model'} needs`,
        where: { field: options.table ?? 'features' },
        fix: 'compute the feature table with the features the clustering was fitted on (the same features config)',
      });
    }
  }
  const reserved = inputColumns.map((_, j) => `seglab_x${j}`);
  if (reserved.includes(id) || /^seglab_[xyvc]\d+$/.test(id)) throw usageError('clusterAssignSql', `the id column may not be named ${id} (a name the statement uses inside)`);

  const double = d === 'clickhouse' ? 'Nullable(Float64)' : d === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE';
  const expr = inputColumns.map((c) => `CAST(${q(c)} AS ${double})`);
  for (const s of parsed) {
    s.columns.forEach((c, k) => {
      const j = inputColumns.indexOf(c);
      expr[j] = s.apply(expr[j]!, k, num);
    });
  }
  const relation = options.table !== undefined ? q(options.table) : options.from!;
  // Category values as the cluster stage reads them: text, NULL as the level "(missing)".
  const text = d === 'clickhouse' ? 'Nullable(String)' : d === 'postgres' ? 'TEXT' : 'VARCHAR';
  const cats = categorical.map((c, j) => `COALESCE(CAST(${q(c)} AS ${text}), ${quoteLiteral(MISSING_LEVEL, d)}) AS ${q(`seglab_c${j}`)}`);
  const prepared = `SELECT ${[q(id), ...expr.map((e, j) => `${e} AS ${q(reserved[j]!)}`), ...cats].join(', ')} FROM ${relation}`;
  const x = reserved.map(q);
  const { layer, values, pick } = scorer.compile(x, num, q, (v) => quoteLiteral(v, d), double);
  const inner = layer ? `SELECT ${q(id)}, ${layer.map((e, r) => `${e} AS ${q(`seglab_y${r}`)}`).join(', ')} FROM (${prepared}) AS seglab_prepared` : prepared;
  const v = values.map((_, c) => q(`seglab_v${c}`));
  const scored = `SELECT ${q(id)}, ${values.map((e, c) => `${e} AS ${v[c]}`).join(', ')} FROM (${inner}) AS seglab_${layer ? 'projected' : 'prepared'}`;
  return `SELECT ${q(id)}, ${bestOf(v, pick)} AS ${q(segment)} FROM (${scored}) AS seglab_scored`;
}

/**
 * The label: the first component whose value is no worse than every later one and strictly better than
 * every earlier one (the CASE tests them in order, so "no worse than the later ones" suffices). NULL when
 * the values are NULL (a missing input).
 */
function bestOf(v: readonly string[], pick: 'min' | 'max'): string {
  const op = pick === 'min' ? '<=' : '>=';
  const k = v.length;
  if (k === 1) return `CASE WHEN ${v[0]} IS NULL THEN NULL ELSE 0 END`;
  const whens = [`WHEN ${v[0]} IS NULL THEN NULL`];
  for (let c = 0; c < k - 1; c++) {
    const tests = v.slice(c + 1).map((o) => `${v[c]} ${op} ${o}`);
    whens.push(`WHEN ${tests.join(' AND ')} THEN ${c}`);
  }
  return `CASE ${whens.join(' ')} ELSE ${k - 1} END`;
}

interface Step {
  kind: string;
  inputColumns: readonly string[];
  columns: readonly string[];
  /** The SQL of the step's k-th column from the SQL of its input. */
  apply(x: string, k: number, num: (v: number) => string): string;
}

function parseStep(json: unknown, i: number): Step {
  const kind = json && typeof json === 'object' ? (json as TransformerJSON).kind : undefined;
  const m = transformerFromJSON(json);
  switch (m.kind) {
    case 'SimpleImputer': {
      const { fill } = m;
      return { kind: m.kind, inputColumns: m.inputColumns, columns: m.columns, apply: (x, k, num) => `COALESCE(${x}, ${num(fill[k]!)})` };
    }
    case 'Log1pTransformer':
      // Math.sign(x)·log1p(|x|) is −log1p(−x) below 0; the plain log1p refuses x ≤ −1 (NULL here).
      return m.params.signed
        ? { kind: m.kind, inputColumns: m.inputColumns, columns: m.columns, apply: (x) => `(CASE WHEN ${x} < 0 THEN -LN(1 - ${x}) ELSE LN(1 + ${x}) END)` }
        : { kind: m.kind, inputColumns: m.inputColumns, columns: m.columns, apply: (x) => `(CASE WHEN ${x} > -1 THEN LN(1 + ${x}) END)` };
    case 'StandardScaler':
    case 'RobustScaler': {
      const center = m.kind === 'StandardScaler' ? m.mean : m.center;
      const { scale } = m;
      return { kind: m.kind, inputColumns: m.inputColumns, columns: m.columns, apply: (x, k, num) => `((${x} - ${num(center[k]!)}) / ${num(scale[k]!)})` };
    }
    default:
      throw usageError('clusterAssignSql', `steps[${i}] is a ${String(kind)}, which the assignment does not compile`, 'steps it compiles: SimpleImputer, Log1pTransformer, StandardScaler, RobustScaler (what prepareClusterInput fits)');
  }
}

interface Assignment {
  /** The numeric columns, in the order the steps prepare them. */
  columns: readonly string[];
  /** Text columns compared as they are (k-prototypes), available to compile as seglab_c0…. */
  categorical?: readonly string[];
  /**
   * SQL over the prepared columns `x`: an optional per-row layer (its expressions become seglab_y0…), one
   * value per component over x (or the layer), and whether the label is the smallest or the largest value.
   */
  compile(x: readonly string[], num: (v: number) => string, q: (name: string) => string, text: (v: string) => string, double: string): { layer?: string[]; values: string[]; pick: 'min' | 'max' };
}

function assignmentOf(json: unknown): Assignment {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw savedJsonError('cluster model', (err as Error).message);
    }
  }
  const kind = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  switch (kind) {
    case 'kmeans':
    case 'minibatch-kmeans': {
      const m = kind === 'kmeans' ? KMeansModel.fromJSON(value) : MiniBatchKMeansModel.fromJSON(value);
      const { data, rows: k, cols: d } = m.centroids;
      return {
        columns: m.columns,
        compile: (x, num) => ({
          values: Array.from({ length: k }, (_, c) => {
            // sqDist: even columns summed in order, odd ones in order, then the two sums.
            const sq = (j: number) => `(${x[j]} - ${num(data[c * d + j]!)})`;
            const lane = (start: number) => {
              const terms: string[] = [];
              for (let j = start; j < d; j += 2) terms.push(`${sq(j)} * ${sq(j)}`);
              return terms.length ? terms.reduce((acc, t) => `(${acc} + ${t})`) : '0';
            };
            return `(${lane(0)} + ${lane(1)})`;
          }),
          pick: 'min',
        }),
      };
    }
    case 'gmm': {
      const m = GaussianMixtureModel.fromJSON(value);
      return { columns: m.columns, compile: (x, num, q) => gmmSql(m, x, num, q) };
    }
    case 'dbscan':
      throw usageError('clusterAssignSql', 'a DBSCAN clustering cannot be assigned in SQL: a new point belongs to the cluster of a core point within eps, so the assignment needs every core point of the training data', `compiled clusterings: ${ASSIGNABLE_CLUSTERINGS.join(', ')}`);
    case 'kprototypes': {
      const m = KPrototypesModel.fromJSON(value);
      const { data, rows: k, cols: p } = m.centroids;
      return {
        columns: m.numericColumns,
        categorical: m.categoricalColumns,
        compile: (x, num, q, text, double) => ({
          values: Array.from({ length: k }, (_, c) => {
            // assignNearest: squared differences added in column order, then gamma × the mismatch count.
            const squares = Array.from({ length: p }, (_, j) => {
              const t = `(${x[j]} - ${num(data[c * p + j]!)})`;
              return `${t} * ${t}`;
            });
            const distance = squares.length ? squares.reduce((acc, t) => `(${acc} + ${t})`) : '0';
            const mismatches = m.modes[c]!.map((mode, j) => `(CASE WHEN ${q(`seglab_c${j}`)} = ${text(mode)} THEN 0 ELSE 1 END)`);
            // The count as a double: DuckDB would multiply a decimal literal by an integer in DECIMAL, not as JavaScript does.
            return mismatches.length ? `(${distance} + ${num(m.gamma)} * CAST(${mismatches.join(' + ')} AS ${double}))` : distance;
          }),
          pick: 'min',
        }),
      };
    }
    default:
      throw usageError('clusterAssignSql', `model.kind is ${JSON.stringify(kind)}, not a clustering this compiles`, `compiled clusterings: ${ASSIGNABLE_CLUSTERINGS.join(', ')}`);
  }
}

/** log w_c + log N(x | μ_c, Σ_c) per component, as estimateLogProb's loops compute it (the same order of operations). */
function gmmSql(m: GaussianMixtureModel, x: readonly string[], num: (v: number) => string, q: (name: string) => string): { layer?: string[]; values: string[]; pick: 'max' } {
  const { type, k, d, means, precChol, constants } = m.logDensityTerms();
  const sum = (terms: string[]) => terms.reduce((acc, t) => `(${acc} + ${t})`);
  const diff = (c: number, j: number) => `(${x[j]} - ${num(means[c * d + j]!)})`;
  const values: string[] = [];
  switch (type) {
    case 'full': {
      const P = packedLowerSize(d);
      for (let c = 0; c < k; c++) {
        const squares: string[] = [];
        for (let r = 0, p = c * P; r < d; p += r + 1, r++) {
          const s = sum(Array.from({ length: r + 1 }, (_, t) => `${num(precChol[p + t]!)} * ${diff(c, t)}`));
          squares.push(`${s} * ${s}`);
        }
        values.push(`(${num(constants[c]!)} - 0.5 * ${sum(squares)})`);
      }
      return { values, pick: 'max' };
    }
    case 'tied': {
      // y = M·x once per row, then ‖y − M·μ_c‖² (b_c = M·μ_c, computed here as the JavaScript computes it).
      const layer: string[] = [];
      const b = new Float64Array(k * d);
      for (let r = 0, p = 0; r < d; p += r + 1, r++) {
        layer.push(sum(Array.from({ length: r + 1 }, (_, t) => `${num(precChol[p + t]!)} * ${x[t]}`)));
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let t = 0; t <= r; t++) s += precChol[p + t]! * means[c * d + t]!;
          b[c * d + r] = s;
        }
      }
      for (let c = 0; c < k; c++) {
        const terms = Array.from({ length: d }, (_, j) => {
          const t = `(${q(`seglab_y${j}`)} - ${num(b[c * d + j]!)})`;
          return `${t} * ${t}`;
        });
        values.push(`(${num(constants[c]!)} - 0.5 * ${sum(terms)})`);
      }
      return { layer, values, pick: 'max' };
    }
    case 'diag':
      for (let c = 0; c < k; c++) {
        const terms = Array.from({ length: d }, (_, j) => {
          const p = precChol[c * d + j]!;
          return `${diff(c, j)} * ${diff(c, j)} * ${num(p * p)}`;
        });
        values.push(`(${num(constants[c]!)} - 0.5 * ${sum(terms)})`);
      }
      return { values, pick: 'max' };
    case 'spherical':
      for (let c = 0; c < k; c++) {
        const terms = Array.from({ length: d }, (_, j) => `${diff(c, j)} * ${diff(c, j)}`);
        const p = num(precChol[c]!);
        values.push(`(${num(constants[c]!)} - 0.5 * ${sum(terms)} * ${p} * ${p})`);
      }
      return { values, pick: 'max' };
    default:
      return assertUnreachable(type, 'covariance type');
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
