import { z } from 'zod';
import { assertUnreachable } from '../../core/assertUnreachable';
import { savedJsonError, usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import type { DesignColumn, FeatureFrame } from './FeatureFrame';

/**
 * How categorical inputs become numbers: 'one-hot' (logistic regression, MLP: one 0/1 column per kept level,
 * missing numbers imputed) or 'codes' (the histogram trees: one column of level codes, missing left NaN).
 */
export const DESIGN_ENCODINGS = ['one-hot', 'codes'] as const;
export type DesignEncoding = (typeof DESIGN_ENCODINGS)[number];

/** The level every rare (and, at scoring, unseen) level goes to, and the level of a missing category in one-hot. */
export const OTHER_LEVEL = '(other)';
export const MISSING_LEVEL = '(missing)';

const numericSpec = z
  .object({
    name: z.string().min(1),
    role: z.literal('numeric'),
    /** one-hot: the training median a missing value is replaced by (0 when the training rows had no value). */
    median: z.number().finite().nullable(),
    /** one-hot: a `<name>__missing` 0/1 column follows (the training rows had missing values). */
    indicator: z.boolean(),
  })
  .strict();
const categoricalSpec = z
  .object({
    name: z.string().min(1),
    role: z.literal('categorical'),
    /** Levels with their own column (one-hot) or code (their index), most frequent first. */
    levels: z.array(z.string()),
    /** Rare levels were grouped into "(other)": it has a column (one-hot) or the code levels.length. */
    other: z.boolean(),
  })
  .strict();
const encoderJsonSchema = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.literal('design-encoder'),
    encoding: z.enum(DESIGN_ENCODINGS),
    minShare: z.number().min(0).max(1),
    missingValues: z.string(),
    columns: z.array(z.discriminatedUnion('role', [numericSpec, categoricalSpec])).min(1),
    featureNames: z.array(z.string()),
    categoricalIndices: z.array(z.number().int().min(0)),
  })
  .strict();

export type DesignColumnSpec = z.infer<typeof numericSpec> | z.infer<typeof categoricalSpec>;
export type DesignEncoderJSON = z.infer<typeof encoderJsonSchema>;

/** What a missing value becomes, said in the encoder and its JSON (and so on the model card). */
export function missingValuesPolicy(encoding: DesignEncoding): string {
  switch (encoding) {
    case 'one-hot':
      return `a missing number is replaced by its training median, with a <name>__missing 0/1 column when the training rows had missing values; a missing category is the level "${MISSING_LEVEL}"; rare levels (below minShare of the training rows) and levels unseen in training go to "${OTHER_LEVEL}" (all zeros when training had no rare level)`;
    case 'codes':
      return `missing numbers and categories stay NaN (the trees learn which way they go); a category is the code of its level (most frequent first), rare levels share the code of "${OTHER_LEVEL}", and a level unseen in training is "${OTHER_LEVEL}" too (NaN when training had no rare level)`;
    default:
      return assertUnreachable(encoding, 'design encoding');
  }
}

/**
 * A fitted design-matrix encoder: turns a FeatureFrame into the model's Matrix, always with the same columns
 * in the same order (featureNames); the saved form restores it exactly. Fit with fitDesignEncoder.
 */
export class DesignEncoder {
  /** The matrix columns, in order. */
  readonly featureNames: readonly string[];
  /** codes: the matrix columns that hold level codes (for the trees' categorical splits); one-hot: none. */
  readonly categoricalIndices: readonly number[];
  readonly missingValues: string;
  private readonly lookups: (Map<string, number> | null)[];

  constructor(
    readonly encoding: DesignEncoding,
    readonly minShare: number,
    readonly columns: readonly DesignColumnSpec[],
  ) {
    const { names, categorical } = layout(encoding, columns);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) throw usageError('DesignEncoder', `two matrix columns would be named "${dup}"`, 'rename the feature column or the level');
    this.featureNames = names;
    this.categoricalIndices = categorical;
    this.missingValues = missingValuesPolicy(encoding);
    this.lookups = columns.map((c) => (c.role === 'categorical' ? new Map(c.levels.map((l, k) => [l, k])) : null));
  }

  /** The input columns the frame must have. */
  get inputColumns(): DesignColumn[] {
    return this.columns.map((c) => ({ name: c.name, role: c.role }));
  }

  /** The matrix of a frame (training or scoring rows). A missing column, a column of the wrong kind or an infinite number is a UsageError naming it. */
  transform(frame: FeatureFrame): Matrix {
    checkFrame(frame, this.inputColumns, 'DesignEncoder.transform');
    const n = frame.rowCount;
    const p = this.featureNames.length;
    const data = new Float64Array(n * p);
    let j = 0;
    this.columns.forEach((c, k) => {
      if (c.role === 'numeric') {
        const v = frame.numeric[c.name]!;
        if (this.encoding === 'codes') {
          for (let i = 0; i < n; i++) data[i * p + j] = v[i]!;
          j++;
        } else {
          const median = c.median ?? 0;
          for (let i = 0; i < n; i++) {
            const x = v[i]!;
            const missing = x !== x;
            data[i * p + j] = missing ? median : x;
            if (c.indicator && missing) data[i * p + j + 1] = 1;
          }
          j += c.indicator ? 2 : 1;
        }
        return;
      }
      const lookup = this.lookups[k]!;
      const values = frame.categorical[c.name]!;
      const other = c.other ? c.levels.length : -1;
      if (this.encoding === 'codes') {
        for (let i = 0; i < n; i++) {
          const v = values[i];
          const code = v === null || v === undefined ? NaN : lookup.get(v) ?? other;
          data[i * p + j] = code < 0 ? NaN : code;
        }
        j++;
      } else {
        const missing = lookup.get(MISSING_LEVEL) ?? other;
        for (let i = 0; i < n; i++) {
          const v = values[i];
          const level = v === null || v === undefined ? missing : lookup.get(v) ?? other;
          if (level >= 0) data[i * p + j + level] = 1;
        }
        j += c.levels.length + (c.other ? 1 : 0);
      }
    });
    return new Matrix(data, n, p, this.featureNames);
  }

  /** Check that a fitted model expects exactly this encoder's columns, in order (a saved model and its encoder belong together). */
  checkColumns(featureNames: readonly string[], who = 'DesignEncoder'): void {
    if (featureNames.length === this.featureNames.length && featureNames.every((n, i) => n === this.featureNames[i])) return;
    const i = firstDifference(featureNames, this.featureNames);
    throw usageError(
      who,
      `the model expects ${featureNames.length} columns and the encoder makes ${this.featureNames.length}; the first difference is at column ${i + 1}: model "${featureNames[i] ?? '(none)'}", encoder "${this.featureNames[i] ?? '(none)'}"`,
      'score with the encoder saved beside the model',
    );
  }

  toJSON(): DesignEncoderJSON {
    return {
      schemaVersion: 1,
      kind: 'design-encoder',
      encoding: this.encoding,
      minShare: this.minShare,
      missingValues: this.missingValues,
      columns: this.columns.map((c) => (c.role === 'numeric' ? { ...c } : { ...c, levels: [...c.levels] })),
      featureNames: [...this.featureNames],
      categoricalIndices: [...this.categoricalIndices],
    };
  }

  /** Restore a saved encoder; its column names are rebuilt from the column specs and must equal the saved ones. */
  static fromJSON(json: unknown): DesignEncoder {
    const parsed = encoderJsonSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw savedJsonError('design encoder', `${issue.path.length ? `field ${issue.path.join('.')}: ` : ''}${issue.message}`);
    }
    const j = parsed.data;
    const encoder = new DesignEncoder(j.encoding, j.minShare, j.columns);
    if (encoder.featureNames.length !== j.featureNames.length || encoder.featureNames.some((n, i) => n !== j.featureNames[i])) {
      const i = firstDifference(j.featureNames, encoder.featureNames);
      throw savedJsonError('design encoder', `featureNames do not match the column specs at column ${i + 1} (saved "${j.featureNames[i] ?? '(none)'}", specs give "${encoder.featureNames[i] ?? '(none)'}")`);
    }
    if (encoder.categoricalIndices.join(',') !== j.categoricalIndices.join(',')) {
      throw savedJsonError('design encoder', `categoricalIndices [${j.categoricalIndices.join(', ')}] do not match the column specs ([${encoder.categoricalIndices.join(', ')}])`);
    }
    return encoder;
  }
}

/** The matrix column names of the specs, and which columns hold codes. */
function layout(encoding: DesignEncoding, columns: readonly DesignColumnSpec[]): { names: string[]; categorical: number[] } {
  const names: string[] = [];
  const categorical: number[] = [];
  for (const c of columns) {
    if (c.role === 'numeric') {
      names.push(c.name);
      if (encoding === 'one-hot' && c.indicator) names.push(`${c.name}__missing`);
    } else if (encoding === 'codes') {
      categorical.push(names.length);
      names.push(c.name);
    } else {
      for (const l of c.levels) names.push(`${c.name}=${l}`);
      if (c.other) names.push(`${c.name}=${OTHER_LEVEL}`);
    }
  }
  return { names, categorical };
}

function firstDifference(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** A frame holds every column with the right kind and rowCount values; numbers are finite or NaN. */
export function checkFrame(frame: FeatureFrame, columns: readonly DesignColumn[], who: string): void {
  if (!frame || typeof frame !== 'object' || !Number.isInteger(frame.rowCount) || frame.rowCount < 0 || !frame.numeric || !frame.categorical) {
    throw usageError(who, 'the frame must be { rowCount, numeric: { column: Float64Array }, categorical: { column: text[] } }');
  }
  for (const c of columns) {
    const values = c.role === 'numeric' ? frame.numeric[c.name] : frame.categorical[c.name];
    if (!values) {
      const elsewhere = c.role === 'numeric' ? frame.categorical[c.name] : frame.numeric[c.name];
      throw usageError(who, elsewhere ? `column "${c.name}" is ${c.role} but the frame holds it as ${c.role === 'numeric' ? 'text' : 'numbers'}` : `the frame has no ${c.role} column "${c.name}"`, `give every column of ${columns.map((x) => x.name).join(', ')}`);
    }
    if (values.length !== frame.rowCount) throw usageError(who, `column "${c.name}" has ${values.length} values, expected rowCount = ${frame.rowCount}`);
    if (c.role === 'numeric') {
      if (!(values instanceof Float64Array)) throw usageError(who, `numeric column "${c.name}" must be a Float64Array`);
      for (let i = 0; i < values.length; i++) {
        const x = values[i]!;
        if (x === Infinity || x === -Infinity) throw usageError(who, `column "${c.name}" row ${i + 1} is ${x}`, 'a missing value is NaN; infinite values must be fixed or capped first');
      }
    }
  }
}
