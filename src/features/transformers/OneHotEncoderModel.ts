import { z } from 'zod';
import { checkParam, inputError, savedJsonError, usageError } from '../../core/errors';
import { Matrix } from '../../core/Matrix';
import { oneHotEncoderParamsSchema } from './oneHotEncoderParams';
import { TRANSFORMER_SCHEMA_VERSION } from './Transformer';
import { jsonHeader, nameArray, parseTransformerJson } from './transformerJson';

/** Named string columns, e.g. FeatureTable.categorical. */
export type StringColumns = Record<string, readonly (string | null)[]>;

export const RARE_CATEGORY = '__rare__';
export const MISSING_CATEGORY = '__missing__';

/** What the encoder learnt about one input column. */
export interface EncodedColumn {
  name: string;
  /** Categories with their own output column, in output order. */
  categories: string[];
  /** Categories seen at fit time but grouped into __rare__ (empty: no __rare__ column). */
  rare: string[];
}

const jsonSchema = z
  .object({
    ...jsonHeader('OneHotEncoder'),
    params: oneHotEncoderParamsSchema,
    columns: z.array(z.object({ name: z.string(), categories: nameArray, rare: nameArray }).strict()),
  })
  .strict();
export type OneHotEncoderJSON = z.infer<typeof jsonSchema>;

/** A fitted OneHotEncoder: its transform returns a Matrix with columns "column=value". */
export class OneHotEncoderModel {
  readonly kind = 'OneHotEncoder' as const;
  /** Output column names, in order. */
  readonly outputColumns: readonly string[];
  private readonly lookup: { index: Map<string, number>; rare: Set<string>; rareIndex: number }[];

  constructor(
    readonly params: OneHotEncoderJSON['params'],
    readonly columns: readonly EncodedColumn[],
  ) {
    const out: string[] = [];
    this.lookup = columns.map((c) => {
      const index = new Map<string, number>();
      for (const v of c.categories) index.set(v, out.push(`${c.name}=${v}`) - 1);
      const rareIndex = c.rare.length ? out.push(`${c.name}=${RARE_CATEGORY}`) - 1 : -1;
      return { index, rare: new Set(c.rare), rareIndex };
    });
    this.outputColumns = out;
  }

  /** The input column names the model expects. */
  get inputColumns(): string[] {
    return this.columns.map((c) => c.name);
  }

  transform(columns: StringColumns): Matrix {
    const who = 'OneHotEncoderModel.transform';
    const n = assertStringColumns(columns, who);
    const missing = this.columns.filter((c) => !(c.name in columns)).map((c) => c.name);
    if (missing.length) throw usageError(who, `missing column(s) ${missing.join(', ')}; the encoder was fitted on ${this.inputColumns.join(', ')}`);
    const width = this.outputColumns.length;
    const data = new Float64Array(n * width);
    this.columns.forEach((c, k) => {
      const { index, rare, rareIndex } = this.lookup[k]!;
      const values = columns[c.name]!;
      for (let i = 0; i < n; i++) {
        const v = values[i] ?? MISSING_CATEGORY;
        let j = index.get(v);
        if (j === undefined) {
          if (rare.has(v)) j = rareIndex;
          else if (this.params.handleUnknown === 'error') {
            throw inputError({ summary: `${who}: column "${c.name}" has the unknown category ${JSON.stringify(v)} at row ${i + 1}.`, check: 'unknown-category', what: `category ${JSON.stringify(v)} was not seen when the encoder was fitted`, where: { column: c.name, row: i + 1 }, fix: "refit the encoder, or use handleUnknown: 'rare' or 'zeros'" });
          } else j = this.params.handleUnknown === 'rare' ? rareIndex : -1;
        }
        if (j >= 0) data[i * width + j] = 1;
      }
    });
    return new Matrix(data, n, width, this.outputColumns);
  }

  toJSON(): OneHotEncoderJSON {
    return {
      schemaVersion: TRANSFORMER_SCHEMA_VERSION,
      kind: this.kind,
      params: { ...this.params },
      columns: this.columns.map((c) => ({ name: c.name, categories: [...c.categories], rare: [...c.rare] })),
    };
  }

  static fromJSON(json: unknown): OneHotEncoderModel {
    const j = parseTransformerJson(jsonSchema, json, 'OneHotEncoder');
    for (const c of j.columns) {
      const overlap = c.categories.filter((v) => c.rare.includes(v));
      if (overlap.length) throw savedJsonError('OneHotEncoder', `column ${c.name} lists ${overlap.join(', ')} as both category and rare`);
    }
    return new OneHotEncoderModel(j.params, j.columns);
  }
}

/** A non-empty record of equally long arrays of strings / nulls; returns the row count. */
export function assertStringColumns(columns: StringColumns, who: string): number {
  checkParam(columns !== null && typeof columns === 'object' && !Array.isArray(columns), `${who} columns`, typeof columns, 'an object of named string arrays');
  const entries = Object.entries(columns);
  checkParam(entries.length > 0, `${who} columns`, Object.keys(columns), 'at least one column');
  const n = entries[0]![1].length;
  for (const [name, values] of entries) {
    checkParam(Array.isArray(values), `${who} column "${name}"`, typeof values, 'an array of strings or nulls');
    checkParam(values.length === n, `${who} column "${name}" length`, values.length, `${n} (the length of "${entries[0]![0]}")`);
    const bad = values.findIndex((v) => v !== null && typeof v !== 'string');
    if (bad >= 0) throw usageError(who, `column "${name}" row ${bad + 1} is ${JSON.stringify(values[bad])}, expected a string or null`);
  }
  return n;
}
