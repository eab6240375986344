// Logistic regression on cases solved by hand: a 2×2 table (the unpenalised optimum and its Wald standard
// errors in closed form), two mirrored points under l2 (the optimality condition) and l1 (a closed form and
// the C below which the coefficient is exactly 0); weights equal to duplicated rows; convergence reported.
import { describe, expect, it } from 'vitest';
import { LogisticRegression, LogisticRegressionModel, Matrix, Rng, UsageError, logisticRegressionEntry } from '../../../src';
import { normalPValue } from '../../../src/models/linear/normalPValue';

/** A 2×2 table as rows: x = 0 has 1 event in 4, x = 1 has 3 in 4. */
function table(): { X: Matrix; y: number[] } {
  const x = [0, 0, 0, 0, 1, 1, 1, 1];
  return { X: Matrix.fromRows(x.map((v) => [v]), ['treated']), y: [1, 0, 0, 0, 1, 1, 1, 0] };
}

/** x = +1 with y = 1 and x = -1 with y = 0: the optimum is symmetric (intercept 0). */
const mirrored = { X: Matrix.fromRows([[1], [-1]], ['x']), y: [1, 0] };

/** 400 rows, 3 columns on different scales, labels from a logistic ground truth (seeded). */
function sample(seed = 5): { X: Matrix; y: Uint8Array } {
  const rng = new Rng(seed);
  const n = 400;
  const data = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal(0, 1);
    const b = rng.normal(100, 20);
    const c = rng.bernoulli(0.3) ? 1 : 0;
    data.set([a, b, c], i * 3);
    y[i] = rng.bernoulli(1 / (1 + Math.exp(-(a + 0.03 * (b - 100) - c)))) ? 1 : 0;
  }
  return { X: new Matrix(data, n, 3, ['a', 'b', 'c']), y };
}

/** X and y with the rows of `times[i]` copies each. */
function duplicated(X: Matrix, y: ArrayLike<number>, times: ArrayLike<number>): { X: Matrix; y: number[] } {
  const rows: number[][] = [];
  const labels: number[] = [];
  X.toRows().forEach((r, i) => {
    for (let k = 0; k < times[i]!; k++) {
      rows.push(r);
      labels.push(y[i]!);
    }
  });
  return { X: Matrix.fromRows(rows, X.columns), y: labels };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));

describe('LogisticRegression on cases solved by hand', () => {
  it('a 2×2 table without penalty: intercept logit(1/4), coefficient the log odds ratio ln 9, Wald standard errors √(Σ 1/cell)', async () => {
    const { X, y } = table();
    for (const solver of ['lbfgs', 'newton'] as const) {
      for (const standardize of [true, false]) {
        const m = await new LogisticRegression({ penalty: 'none', solver, standardize, tol: 1e-12 }).fit(X, y);
        const [intercept, treated] = m.coefficients();
        expect(intercept!.coef).toBeCloseTo(-Math.log(3), 9);
        expect(treated!.coef).toBeCloseTo(2 * Math.log(3), 9);
        expect(treated!.oddsRatio).toBeCloseTo(9, 8);
        // cells 1, 3 (x = 0) and 3, 1 (x = 1)
        expect(intercept!.standardError).toBeCloseTo(Math.sqrt(1 + 1 / 3), 8);
        expect(treated!.standardError).toBeCloseTo(Math.sqrt(1 + 1 / 3 + 1 / 3 + 1), 8);
        expect(treated!.z).toBeCloseTo((2 * Math.log(3)) / Math.sqrt(8 / 3), 8);
        expect(treated!.pValue).toBeCloseTo(normalPValue(treated!.z!), 12);
        expect(Array.from(m.predictProba(Matrix.fromRows([[0], [1]], ['treated'])))).toEqual([expect.closeTo(0.25, 10), expect.closeTo(0.75, 10)]);
      }
    }
  });

  it('two mirrored points under l2: intercept 0 and w (1 + e^w) = 2C, the stationarity condition of C · 2 log(1 + e^-w) + w²/2', async () => {
    for (const C of [1, 0.25, 10]) {
      for (const solver of ['lbfgs', 'newton'] as const) {
        const m = await new LogisticRegression({ C, solver, standardize: false, tol: 1e-12 }).fit(mirrored.X, mirrored.y);
        const w = m.coef[0]!;
        expect(m.intercept).toBeCloseTo(0, 10);
        expect(w * (1 + Math.exp(w))).toBeCloseTo(2 * C, 9);
      }
    }
  });

  it('two mirrored points under l1: w = ln(2C - 1) for C > 1, exactly 0 for C <= 1', async () => {
    const fit = (C: number) => new LogisticRegression({ penalty: 'l1', C, standardize: false, tol: 1e-12 }).fit(mirrored.X, mirrored.y);
    expect((await fit(2)).coef[0]).toBeCloseTo(Math.log(3), 9);
    expect((await fit(5)).coef[0]).toBeCloseTo(Math.log(9), 9);
    const zero = await fit(0.9);
    expect(zero.coef[0]).toBe(0);
    expect(zero.intercept).toBeCloseTo(0, 12);
    expect(zero.coefficients()[1]!.standardError).toBeNull();
  });

  it('integer sample weights equal duplicated rows, and a class weight equals duplicating that class (l2, l1, both solvers)', async () => {
    const { X, y } = sample();
    const times = Array.from(y, (_, i) => 1 + (i % 3));
    const dup = duplicated(X, y, times);
    for (const params of [{ solver: 'lbfgs' }, { solver: 'newton' }, { penalty: 'l1', C: 0.05 }] as const) {
      const weighted = await new LogisticRegression({ ...params, tol: 1e-11 }).fit(X, y, { sampleWeight: times });
      // Standardisation is unweighted (as StandardScaler), so compare without it: the same objective exactly.
      const w2 = await new LogisticRegression({ ...params, tol: 1e-11, standardize: false }).fit(X, y, { sampleWeight: times });
      const d2 = await new LogisticRegression({ ...params, tol: 1e-11, standardize: false }).fit(dup.X, dup.y);
      expect(maxDiff(w2.coef, d2.coef)).toBeLessThan(1e-7);
      expect(Math.abs(w2.intercept - d2.intercept)).toBeLessThan(1e-7);
      expect(weighted.training.weightSum).toBe(dup.y.length);
      const classWeighted = await new LogisticRegression({ ...params, tol: 1e-11, standardize: false, classWeight: { 0: 1, 1: 2 } }).fit(X, y);
      const twice = duplicated(X, y, Array.from(y, (v) => (v === 1 ? 2 : 1)));
      const d3 = await new LogisticRegression({ ...params, tol: 1e-11, standardize: false }).fit(twice.X, twice.y);
      expect(maxDiff(classWeighted.coef, d3.coef)).toBeLessThan(1e-7);
    }
  });

  it("'balanced' weighs each class n / (2 · its rows), so both classes weigh n / 2", async () => {
    const { X, y } = sample();
    const positives = y.reduce((s, v) => s + v, 0);
    const m = await new LogisticRegression({ classWeight: 'balanced' }).fit(X, y);
    expect(m.training.classWeights).toEqual([X.rows / (2 * (X.rows - positives)), X.rows / (2 * positives)]);
    expect(m.training.weightSum).toBeCloseTo(X.rows, 9);
    expect(m.training.positives).toBe(positives);
  });

  it('standardising does not move the unpenalised optimum; coefficients map back as β / sd and b − Σ β · mean / sd', async () => {
    const { X, y } = sample();
    const raw = await new LogisticRegression({ penalty: 'none', standardize: false, solver: 'newton', tol: 1e-12 }).fit(X, y);
    const std = await new LogisticRegression({ penalty: 'none', solver: 'newton', tol: 1e-12 }).fit(X, y);
    expect(maxDiff(raw.coef, std.coef)).toBeLessThan(1e-9);
    expect(Math.abs(raw.intercept - std.intercept)).toBeLessThan(1e-8);
    expect(maxDiff(std.coef, Array.from(std.coefStandardized, (b, j) => b / std.scale[j]!))).toBe(0);
    // Standard errors agree across the scales too (z of a column is scale-free).
    const zRaw = raw.coefficients().map((t) => t.z!);
    const zStd = std.coefficients().map((t) => t.z!);
    expect(maxDiff(zRaw, zStd)).toBeLessThan(1e-6);
    // The column on a scale of 100 ± 20: its sd is what standardising divided by.
    expect(std.scale[1]).toBeGreaterThan(15);
    expect(std.coefficients()[2]!.oddsRatioPerSd).toBeCloseTo(Math.exp(std.coefStandardized[1]!), 12);
  });

  it('fitIntercept false keeps the intercept at 0 (no standard error for it)', async () => {
    const { X, y } = sample();
    const m = await new LogisticRegression({ fitIntercept: false, standardize: false }).fit(X, y);
    expect(m.intercept).toBe(0);
    expect(m.coefficients()[0]!.standardError).toBeNull();
    expect(m.convergence.converged).toBe(true);
  });

  it('not converging is a warning in the model, with the iterations and the optimality reached', async () => {
    const { X, y } = sample();
    const m = await new LogisticRegression({ maxIter: 1 }).fit(X, y);
    expect(m.convergence).toMatchObject({ converged: false, iterations: 1, stop: 'maxIter', solver: 'lbfgs' });
    expect(m.warnings).toEqual([expect.stringMatching(/^LogisticRegression\.fit: lbfgs did not converge in 1 iterations \(optimality .* > tol 0\.000001\); raise maxIter/)]);
    // Separable classes have no finite unpenalised optimum: the fit says so instead of returning silently.
    // (Its gradient vanishes as the coefficient grows, so the solver may well meet tol: the warning says why that is no optimum.)
    const separable = await new LogisticRegression({ penalty: 'none' }).fit(mirrored.X, mirrored.y);
    expect(separable.warnings.join(' ')).toMatch(/the columns separate the classes .* no finite optimum/);
    expect((await new LogisticRegression({ penalty: 'none' }).fit(X, y)).warnings).toEqual([]);
    expect(separable.predictProba(mirrored.X).every((p) => p >= 0 && p <= 1)).toBe(true);
    const ok = await new LogisticRegression().fit(X, y);
    expect(ok.convergence.converged).toBe(true);
    expect(ok.warnings).toEqual([]);
  });

  it('a column repeated without a penalty: no standard errors (the Hessian is singular), said in warnings; l2 gives them', async () => {
    const { X, y } = sample();
    const twice = Matrix.fromRows(
      X.toRows().map((r) => [...r, r[0]!]),
      [...X.columns, 'a again'],
    );
    for (const solver of ['lbfgs', 'newton'] as const) {
      const m = await new LogisticRegression({ penalty: 'none', solver }).fit(twice, y);
      expect(m.coefficients().every((t) => t.standardError === null && t.pValue === null)).toBe(true);
      expect(m.warnings).toEqual([expect.stringMatching(/the Hessian at the fit is singular \(collinear columns or separable classes\): no standard errors/)]);
      // The two copies share the coefficient of the column alone.
      const alone = await new LogisticRegression({ penalty: 'none', solver: 'newton', tol: 1e-10 }).fit(X, y);
      expect(m.coef[0]! + m.coef[3]!).toBeCloseTo(alone.coef[0]!, 4);
    }
    const ridge = await new LogisticRegression().fit(twice, y);
    expect(ridge.coefficients().every((t) => t.standardError !== null && t.standardError > 0)).toBe(true);
    expect(ridge.warnings).toEqual([]);
  });

  it('reports progress, ending at 1', async () => {
    const { X, y } = sample();
    const seen: number[] = [];
    await new LogisticRegression().fit(X, y, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });

  it('probabilities stay finite at extreme log-odds', async () => {
    const { X, y } = table();
    const m = await new LogisticRegression({ penalty: 'none' }).fit(X, y);
    const far = Matrix.fromRows([[1e6], [-1e6]], ['treated']);
    expect(Array.from(m.predictProba(far))).toEqual([1, 0]);
    expect(Array.from(m.decisionFunction(far)).every(Number.isFinite)).toBe(true);
  });

  it('refuses bad params with the parameter, the value and what it takes', () => {
    expect(() => new LogisticRegression({ C: 0 })).toThrow('Invalid LogisticRegression C: got 0, expected a finite number > 0.');
    expect(() => new LogisticRegression({ penalty: 'elasticnet' as never })).toThrow('Invalid LogisticRegression penalty: got "elasticnet", expected one of l2, l1, none.');
    expect(() => new LogisticRegression({ classWeight: { 0: 1, 1: -2 } })).toThrow(/Invalid LogisticRegression classWeight: got \{"0":1,"1":-2\}, expected null, 'balanced', or/);
    expect(() => new LogisticRegression({ maxIter: 0 })).toThrow(UsageError);
    expect(() => logisticRegressionEntry.create({ tol: -1 })).toThrow('Invalid LogisticRegression tol: got -1, expected a finite number > 0.');
  });

  it('a class weight of 0 for both classes leaves nothing to fit: an error, not NaN coefficients', async () => {
    const { X, y } = sample();
    await expect(new LogisticRegression({ classWeight: { 0: 0, 1: 0 } }).fit(X, y)).rejects.toThrow(/every row weighs 0 after the class weights/);
  });

  it('a damaged saved model names the field', async () => {
    const { X, y } = sample();
    const json = (await new LogisticRegression().fit(X, y)).toJSON();
    expect(() => LogisticRegressionModel.fromJSON({ ...json, coef: [1, 2] })).toThrow('Invalid logistic regression model JSON: coef has 2 values, featureNames 3.');
    expect(() => LogisticRegressionModel.fromJSON({ ...json, intercept: 'x' })).toThrow(/^Invalid logistic regression model JSON: intercept: Expected number/);
    expect(() => LogisticRegressionModel.fromJSON({ ...json, kind: 'mlp' })).toThrow(/kind: Invalid literal value/);
    expect(Array.from(LogisticRegressionModel.fromJSON(JSON.stringify(json)).predictProba(X))).toEqual(Array.from((await new LogisticRegression().fit(X, y)).predictProba(X)));
  });

  it('two-sided normal p-values: 1 at 0, 0.05 at 1.96, 0.0027 at 3', () => {
    expect(normalPValue(0)).toBe(1);
    expect(normalPValue(1.959963984540054)).toBeCloseTo(0.05, 7);
    expect(normalPValue(-1.959963984540054)).toBeCloseTo(0.05, 7);
    expect(normalPValue(3)).toBeCloseTo(0.0026997960632601866, 8);
  });
});
