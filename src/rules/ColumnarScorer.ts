import { assertUnreachable } from '../core/assertUnreachable';
import { InputError } from '../core/errors';
import type { Condition, ConditionOperator, FieldRef, Literal } from './Condition';
import { explicitBundle } from './explicitBundle';
import type { RuleBundle } from './RuleBundle';

/** Customers column-wise, as readFeatureTable returns them: numbers in Float64Array (NaN = missing), text in arrays (null = missing). */
export interface ScoringColumns {
  rowCount: number;
  numeric: Readonly<Record<string, Float64Array>>;
  categorical: Readonly<Record<string, readonly (string | null)[]>>;
}

/** What the scorer reads of a bundle: its rules, fallback and (optionally) its field declarations. */
export type RuleBundleLike = Pick<RuleBundle, 'segments' | 'fallback' | 'score'> & { fields?: RuleBundle['fields'] };

/**
 * A compiled condition as a filter over a selection: the rows of `sel[0..count)` (ascending) where the
 * condition holds are written to `out` (ascending) and counted. `out` may be `sel` itself (then `sel` is
 * overwritten: every filter writes at or before the position it reads).
 */
type Filter = (sel: Int32Array, count: number, out: Int32Array) => number;
/** A text column's dictionary codes: -1 missing, UNSET for a row no rule has read yet. */
interface Encoded {
  codes: Int32Array;
  dict: Map<string, number>;
  col: readonly (string | null)[];
}
const UNSET = -3;

/**
 * Scores a bundle over whole columns: each condition is compiled once into filters over typed arrays
 * (text columns dictionary-encoded to Int32Array once) that run on a selection of rows, so a later rule
 * only looks at the customers no earlier rule took, an `and` only at rows its earlier parts kept, and
 * buffers are reused instead of a fresh mask per condition.
 * Same semantics as the JSON Logic evaluator on the Condition subset (see Condition.ts): missing
 * numbers count as 0 in comparisons (`mask`), missing equals nothing and is in no list; a bundle's
 * fields declared in days read missing as +Infinity (`segments`, `scores`).
 */
export class ColumnarScorer {
  private readonly n: number;
  private readonly codes = new Map<string, Encoded>();
  /** Reusable row buffers (Int32Array of n) and 0/1 flags (Uint8Array of n, all 0 when free). */
  private readonly rowPool: Int32Array[] = [];
  private readonly flagPool: Uint8Array[] = [];

  constructor(private readonly columns: ScoringColumns) {
    this.n = columns.rowCount;
  }

  /**
   * Segment id per row: the first segment (in bundle order) whose condition holds, else the fallback.
   * Conditions are read with the bundle's fields (explicitBundle: a field in days reads missing as +Infinity).
   */
  segments(bundle: RuleBundleLike): Int32Array {
    bundle = explicitBundle(bundle);
    const out = new Int32Array(this.n).fill(bundle.fallback?.id ?? -1);
    const ids = bundle.segments.map((s) => s.id);
    this.firstMatching(bundle.segments.map((s) => s.condition), (r, rows, count) => {
      const id = ids[r]!;
      for (let k = 0; k < count; k++) out[rows[k]!] = id;
    });
    return out;
  }

  /**
   * Per row, the index (in bundle order) of the first segment rule whose condition holds, -1 where none
   * does (the fallback's customers): sizes and coverage are counted from this, never from the fallback.
   */
  firstMatch(bundle: RuleBundleLike): Int32Array {
    bundle = explicitBundle(bundle);
    const out = new Int32Array(this.n).fill(-1);
    this.firstMatching(bundle.segments.map((s) => s.condition), (r, rows, count) => {
      for (let k = 0; k < count; k++) out[rows[k]!] = r;
    });
    return out;
  }

  /** Rows where at least one score rule holds (the others get the base score). */
  matchesAny(bundle: RuleBundleLike): Uint8Array {
    bundle = explicitBundle(bundle);
    const out = new Uint8Array(this.n);
    this.firstMatching((bundle.score?.rules ?? []).map((r) => r.condition), (_, rows, count) => {
      for (let k = 0; k < count; k++) out[rows[k]!] = 1;
    });
    return out;
  }

  /** Lead score per row: base plus the points of every condition that holds (read as in segments()). */
  scores(bundle: RuleBundleLike): Float64Array {
    bundle = explicitBundle(bundle);
    const n = this.n;
    const out = new Float64Array(n).fill(bundle.score?.base ?? 0);
    const rules = (bundle.score?.rules ?? []).map((r) => ({ filter: this.compile(r.condition), points: r.points }));
    const all = this.rows();
    const hits = this.rows();
    for (const { filter, points } of rules) {
      for (let i = 0; i < n; i++) all[i] = i;
      const count = filter(all, n, hits);
      for (let k = 0; k < count; k++) out[hits[k]!]! += points;
    }
    this.release(all, hits);
    return out;
  }

  /** Rows where the condition holds, as a 0/1 mask. */
  mask(condition: Condition): Uint8Array {
    const filter = this.compile(condition);
    const m = new Uint8Array(this.n);
    const rows = this.rows();
    for (let i = 0; i < this.n; i++) rows[i] = i;
    const count = filter(rows, this.n, rows);
    for (let k = 0; k < count; k++) m[rows[k]!] = 1;
    this.release(rows);
    return m;
  }

  /**
   * Priority order: rule r sees only the rows no earlier rule matched; `take(r, rows, count)` gets the rows
   * rule r takes. Every condition is compiled before any runs, so a missing column is named up front.
   */
  private firstMatching(conditions: readonly Condition[], take: (r: number, rows: Int32Array, count: number) => void): void {
    const filters = conditions.map((c) => this.compile(c));
    const n = this.n;
    const open = this.rows();
    const hits = this.rows();
    for (let i = 0; i < n; i++) open[i] = i;
    let openCount = n;
    for (let r = 0; r < filters.length && openCount > 0; r++) {
      const count = filters[r]!(open, openCount, hits);
      if (count === 0) continue;
      take(r, hits, count);
      openCount = removeSorted(open, openCount, hits, count, open);
    }
    this.release(open, hits);
  }

  private rows(): Int32Array {
    return this.rowPool.pop() ?? new Int32Array(this.n);
  }

  private release(...buffers: Int32Array[]): void {
    this.rowPool.push(...buffers);
  }

  private compile(c: Condition): Filter {
    if (typeof c === 'boolean') {
      return c
        ? (sel, count, out) => {
            if (out !== sel) out.set(sel.subarray(0, count));
            return count;
          }
        : () => 0;
    }
    const [op, args] = Object.entries(c)[0] as [ConditionOperator, unknown];
    switch (op) {
      case 'and': {
        const parts = (args as Condition[]).map((a) => this.compile(a));
        // Each part filters what the parts before it kept, in place.
        return (sel, count, out) => {
          let m = parts[0]!(sel, count, out);
          for (let p = 1; p < parts.length && m > 0; p++) m = parts[p]!(out, m, out);
          return m;
        };
      }
      case 'or': {
        const parts = (args as Condition[]).map((a) => this.compile(a));
        // Each part looks only at the rows no part before it matched; hits are flagged, then read back in row order.
        return (sel, count, out) => {
          const flags = this.flagPool.pop() ?? new Uint8Array(this.n);
          const rest = this.rows();
          const hits = this.rows();
          rest.set(sel.subarray(0, count));
          let restCount = count;
          for (let p = 0; p < parts.length && restCount > 0; p++) {
            const h = parts[p]!(rest, restCount, hits);
            for (let k = 0; k < h; k++) flags[hits[k]!] = 1;
            if (h > 0) restCount = removeSorted(rest, restCount, hits, h, rest);
          }
          let m = 0;
          for (let k = 0; k < count; k++) {
            const i = sel[k]!;
            out[m] = i;
            m += flags[i]!;
            flags[i] = 0;
          }
          this.release(rest, hits);
          this.flagPool.push(flags);
          return m;
        };
      }
      case '!': {
        const inner = this.compile((Array.isArray(args) ? args[0] : args) as Condition);
        return (sel, count, out) => {
          const hits = this.rows();
          const h = inner(sel, count, hits);
          const m = removeSorted(sel, count, hits, h, out);
          this.release(hits);
          return m;
        };
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const a = args as unknown[];
        if (a.length === 3) {
          const lo = a[0] as number;
          const x = this.numeric((a[1] as FieldRef).var);
          const hi = a[2] as number;
          return op === '<' ? (sel, count, out) => between(x, lo, hi, true, sel, count, out) : (sel, count, out) => between(x, lo, hi, false, sel, count, out);
        }
        const x = this.numeric((a[0] as FieldRef).var);
        const t = a[1] as number;
        return compareFilter(x, op, t);
      }
      case '==':
      case '!=': {
        const [ref, lit] = args as [FieldRef, Literal | null];
        const neg = op === '!=' ? 1 : 0;
        if (lit === null) {
          // "is missing" / "is present": NaN in a number column, no dictionary code in a text column.
          if (ref.var in this.columns.numeric) {
            const x = this.numeric(ref.var);
            return (sel, count, out) => {
              let m = 0;
              for (let k = 0; k < count; k++) {
                const i = sel[k]!;
                out[m] = i;
                m += +(x[i]! !== x[i]!) ^ neg;
              }
              return m;
            };
          }
          const e = this.encoded(ref.var);
          const codes = e.codes;
          return (sel, count, out) => {
            encodeRows(e, sel, count);
            let m = 0;
            for (let k = 0; k < count; k++) {
              const i = sel[k]!;
              out[m] = i;
              m += +(codes[i]! < 0) ^ neg;
            }
            return m;
          };
        }
        if (typeof lit === 'number') {
          const x = this.numeric(ref.var);
          return (sel, count, out) => {
            let m = 0;
            for (let k = 0; k < count; k++) {
              const i = sel[k]!;
              out[m] = i;
              m += +(x[i] === lit) ^ neg;
            }
            return m;
          };
        }
        const e = this.encoded(ref.var);
        const codes = e.codes;
        const code = internCode(e, lit);
        return (sel, count, out) => {
          encodeRows(e, sel, count);
          let m = 0;
          for (let k = 0; k < count; k++) {
            const i = sel[k]!;
            out[m] = i;
            m += +(codes[i] === code) ^ neg;
          }
          return m;
        };
      }
      case 'in': {
        const [ref, list] = args as [FieldRef, Literal[]];
        if (list.every((v) => typeof v === 'number') && ref.var in this.columns.numeric) {
          const x = this.numeric(ref.var);
          const set = new Set(list as number[]);
          return (sel, count, out) => {
            let m = 0;
            for (let k = 0; k < count; k++) {
              const i = sel[k]!;
              out[m] = i;
              m += set.has(x[i]!) ? 1 : 0;
            }
            return m;
          };
        }
        const e = this.encoded(ref.var);
        const codes = e.codes;
        // hit[code + 1]: code −1 (missing) reads hit[0] = 0, so the loop has no branch. The listed values
        // get their codes now; values first met later get larger codes, never listed (hit grows with 0s).
        const listed = list.map((v) => internCode(e, String(v)));
        let hit = new Uint8Array(e.dict.size + 1);
        for (const code of listed) hit[code + 1] = 1;
        return (sel, count, out) => {
          encodeRows(e, sel, count);
          if (hit.length < e.dict.size + 1) {
            const grown = new Uint8Array(e.dict.size + 1);
            grown.set(hit);
            hit = grown;
          }
          let m = 0;
          for (let k = 0; k < count; k++) {
            const i = sel[k]!;
            out[m] = i;
            m += hit[codes[i]! + 1]!;
          }
          return m;
        };
      }
      default:
        return assertUnreachable(op, 'condition operator');
    }
  }

  private numeric(name: string): Float64Array {
    const col = this.columns.numeric[name];
    if (!col) throw new InputError(`The rules read "${name}" as a number, but the input has no numeric column "${name}".`);
    return col;
  }

  /**
   * A text column's dictionary codes, filled in only for the rows a rule reads (encodeRows): a rule sees
   * only the rows no earlier rule took, so a text condition late in a bundle encodes a fraction of a
   * column of millions.
   */
  private encoded(name: string): Encoded {
    let e = this.codes.get(name);
    if (!e) {
      const col = this.columns.categorical[name];
      if (!col) throw new InputError(`The rules read "${name}" as text, but the input has no text column "${name}".`);
      e = { codes: new Int32Array(col.length).fill(UNSET), dict: new Map(), col };
      this.codes.set(name, e);
    }
    return e;
  }
}

/** The code of a value, given one if it has none yet (a literal no row has keeps a code no row gets). */
function internCode(e: Encoded, value: string): number {
  let k = e.dict.get(value);
  if (k === undefined) e.dict.set(value, (k = e.dict.size));
  return k;
}

/** Give the rows sel[0..count) their codes, those not encoded yet. */
function encodeRows(e: Encoded, sel: Int32Array, count: number): void {
  const { codes, col } = e;
  for (let k = 0; k < count; k++) {
    const i = sel[k]!;
    if (codes[i] !== UNSET) continue;
    const v = col[i];
    codes[i] = v === null || v === undefined ? -1 : internCode(e, v);
  }
}

/**
 * `sel[0..count)` without the rows of `drop[0..dropCount)` (both ascending, drop ⊆ sel), written to `out` (may be
 * `sel`). Returns the count left.
 */
function removeSorted(sel: Int32Array, count: number, drop: Int32Array, dropCount: number, out: Int32Array): number {
  if (dropCount === 0) {
    if (out !== sel) out.set(sel.subarray(0, count));
    return count;
  }
  if (dropCount === count) return 0;
  // drop has room after its last row (dropCount < count ≤ its length): a sentinel no row equals keeps the loop branch-free.
  const saved = drop[dropCount]!;
  drop[dropCount] = -1;
  let m = 0;
  let d = 0;
  for (let k = 0; k < count; k++) {
    const i = sel[k]!;
    const dropped = +(drop[d] === i);
    out[m] = i;
    m += 1 - dropped;
    d += dropped;
  }
  drop[dropCount] = saved;
  return m;
}

/**
 * Comparison kernels: missing (NaN) counts as 0, as JSON Logic's JavaScript comparison casts null to 0. The
 * outcome for a missing value is worked out once (`nan`), and conditions become 0/1 with unary plus, so the
 * loops have no data-dependent branch (10% missing values at random made the branchy form 2–3× slower).
 */
function between(x: Float64Array, lo: number, hi: number, strict: boolean, sel: Int32Array, count: number, out: Int32Array): number {
  let m = 0;
  if (strict) {
    const nan = +(lo < 0) & +(0 < hi);
    for (let k = 0; k < count; k++) {
      const i = sel[k]!;
      const v = x[i]!;
      out[m] = i;
      m += (+(lo < v) & +(v < hi)) | (+(v !== v) & nan);
    }
  } else {
    const nan = +(lo <= 0) & +(0 <= hi);
    for (let k = 0; k < count; k++) {
      const i = sel[k]!;
      const v = x[i]!;
      out[m] = i;
      m += (+(lo <= v) & +(v <= hi)) | (+(v !== v) & nan);
    }
  }
  return m;
}

/** One loop per operator, so the comparison is not a call per row. */
function compareFilter(x: Float64Array, op: '<' | '<=' | '>' | '>=', t: number): Filter {
  switch (op) {
    case '<': {
      const nan = +(0 < t);
      return (sel, count, out) => {
        let m = 0;
        for (let k = 0; k < count; k++) {
          const i = sel[k]!;
          const v = x[i]!;
          out[m] = i;
          m += +(v < t) | (+(v !== v) & nan);
        }
        return m;
      };
    }
    case '<=': {
      const nan = +(0 <= t);
      return (sel, count, out) => {
        let m = 0;
        for (let k = 0; k < count; k++) {
          const i = sel[k]!;
          const v = x[i]!;
          out[m] = i;
          m += +(v <= t) | (+(v !== v) & nan);
        }
        return m;
      };
    }
    case '>': {
      const nan = +(0 > t);
      return (sel, count, out) => {
        let m = 0;
        for (let k = 0; k < count; k++) {
          const i = sel[k]!;
          const v = x[i]!;
          out[m] = i;
          m += +(v > t) | (+(v !== v) & nan);
        }
        return m;
      };
    }
    case '>=': {
      const nan = +(0 >= t);
      return (sel, count, out) => {
        let m = 0;
        for (let k = 0; k < count; k++) {
          const i = sel[k]!;
          const v = x[i]!;
          out[m] = i;
          m += +(v >= t) | (+(v !== v) & nan);
        }
        return m;
      };
    }
    default:
      return assertUnreachable(op, 'comparison');
  }
}
