import { z } from 'zod';
import { Matrix } from '../../../src/core/Matrix';
import { parseParams } from '../../../src/core/parseParams';
import { Rng } from '../../../src/core/rng';
import type { BinaryLabels, FitOptions, FittedModel, ModelEntry } from '../../../src/models/ModelEntry';

/**
 * A tiny model family for the evaluation tests (the real families are built elsewhere): on one feature,
 * P(y = 1) = σ((x − midpoint of the two class means) · direction / temperature).
 */
const params = z
  .object({
    feature: z.number().int().min(0).describe('a column index').default(0),
    temperature: z.number().positive().describe('a number > 0').default(1),
  })
  .strict();

class CentroidModel implements FittedModel {
  readonly kind = 'logistic-regression' as const;
  constructor(
    readonly featureNames: readonly string[],
    readonly feature: number,
    readonly midpoint: number,
    readonly slope: number,
  ) {}
  decisionFunction(X: Matrix): Float64Array {
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = (X.get(i, this.feature) - this.midpoint) * this.slope;
    return out;
  }
  predictProba(X: Matrix): Float64Array {
    return this.decisionFunction(X).map((z) => 1 / (1 + Math.exp(-z)));
  }
  toJSON() {
    return { schemaVersion: 1, kind: this.kind, featureNames: this.featureNames, feature: this.feature, midpoint: this.midpoint, slope: this.slope };
  }
}

export const fitCalls: { rows: number }[] = [];

export const centroidEntry: ModelEntry = {
  name: 'logistic-regression',
  description: 'test double: nearest class mean on one feature',
  params,
  accepts: 'numeric with binary labels',
  missingValues: 'error',
  create(input) {
    const p = parseParams(params, input, 'CentroidModel');
    return {
      async fit(X: Matrix, y: BinaryLabels, options: FitOptions = {}) {
        fitCalls.push({ rows: X.rows });
        const s = [0, 0];
        const n = [0, 0];
        for (let i = 0; i < X.rows; i++) {
          const w = options.sampleWeight ? options.sampleWeight[i]! : 1;
          s[y[i]!]! += w * X.get(i, p.feature);
          n[y[i]!]! += w;
        }
        const m0 = s[0]! / n[0]!;
        const m1 = s[1]! / n[1]!;
        return new CentroidModel(X.columns, p.feature, (m0 + m1) / 2, (m1 > m0 ? 1 : -1) / p.temperature);
      },
    };
  },
  fromJSON(json) {
    const j = json as { featureNames: string[]; feature: number; midpoint: number; slope: number };
    return new CentroidModel(j.featureNames, j.feature, j.midpoint, j.slope);
  },
};

/** n rows: x0 = y + noise (informative), x1 = noise; about 30% ones. */
export function centroidData(n: number, seed: number): { X: Matrix; y: Uint8Array } {
  const rng = new Rng(seed);
  const y = new Uint8Array(n);
  const data = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    y[i] = rng.bernoulli(0.3) ? 1 : 0;
    data[2 * i] = y[i]! * 1.2 + rng.normal(0, 1);
    data[2 * i + 1] = rng.normal(0, 1);
  }
  return { X: new Matrix(data, n, 2, ['recency', 'noise']), y };
}
