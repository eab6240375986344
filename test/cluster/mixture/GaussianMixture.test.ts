import { describe, expect, it } from 'vitest';
import { CLUSTER_SCHEMA_VERSION } from '../../../src/cluster/ClusterModel';
import { GaussianMixture, type CovarianceType } from '../../../src/cluster/mixture/GaussianMixture';
import { GaussianMixtureModel } from '../../../src/cluster/mixture/GaussianMixtureModel';
import { choleskyInPlace } from '../../../src/cluster/mixture/linalg/cholesky';
import { invertLowerTriangularPacked, packedLowerIndex } from '../../../src/cluster/mixture/linalg/invertLowerTriangular';
import { InputError, UsageError } from '../../../src/core/errors';
import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';

/** Save as JSON text and load again. */
const roundTrip = (m: GaussianMixtureModel) => GaussianMixtureModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
const LOG_2PI = Math.log(2 * Math.PI);

function expectClose(actual: ArrayLike<number> | number, expected: readonly number[] | number, tol: number): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : expected;
  expect(a.length).toBe(e.length);
  a.forEach((v, i) => {
    if (Math.abs(v - e[i]!) > tol) throw new Error(`value ${i}: got ${v}, expected ${e[i]} (±${tol})`);
  });
}

/** Well-separated 2-D blobs from a seeded Rng. */
function blobs(centers: number[][], perBlob: number, sd: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const rows: number[][] = [];
  for (const c of centers) for (let i = 0; i < perBlob; i++) rows.push(c.map((m) => rng.normal(m, sd)));
  return Matrix.fromRows(rows, ['a', 'b']);
}

describe('linalg helpers', () => {
  it('Cholesky of a 3×3 SPD matrix and the packed inverse of its factor', () => {
    // A = L·Lᵀ with L = [[2,0,0],[1,3,0],[-1,2,1]] → A = [[4,2,-2],[2,10,5],[-2,5,6]].
    const a = Float64Array.from([4, 2, -2, 2, 10, 5, -2, 5, 6]);
    expect(choleskyInPlace(a, 3)).toBe(-1);
    expect(Array.from(a)).toEqual([2, 0, 0, 1, 3, 0, -1, 2, 1]);
    // L⁻¹ = [[1/2,0,0],[-1/6,1/3,0],[5/6,-2/3,1]] (check: row 3 of L·L⁻¹ = -1/2 - 1/3 + 5/6 = 0).
    const inv = new Float64Array(6);
    invertLowerTriangularPacked(a, 3, 0, inv, 0);
    expectClose(inv, [0.5, -1 / 6, 1 / 3, 5 / 6, -2 / 3, 1], 1e-15);
    expect(packedLowerIndex(2, 1)).toBe(4);
  });

  it('reports the failing pivot of a matrix that is not positive definite', () => {
    // [[1,2],[2,1]] has eigenvalues 3 and -1: the second pivot 1 - 2² < 0.
    expect(choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toBe(1);
    expect(choleskyInPlace(Float64Array.from([0, 0, 0, 1]), 2)).toBe(0);
  });
});

describe('GaussianMixture: hand-computed fixtures', () => {
  // Four points: mean (4, 3); deviations x: -3,-1,1,3 and y: -1,-2,3,0.
  // Biased covariance: var x = 20/4 = 5, var y = 14/4 = 3.5, cov xy = (3+2+3+0)/4 = 2.
  const X = Matrix.fromRows([[1, 2], [3, 1], [5, 6], [7, 3]], ['x', 'y']);

  it('one full component = sample mean and biased covariance + regCovar; log-likelihood by hand', () => {
    const m = new GaussianMixture({ k: 1, regCovar: 0.5 }).fit(X);
    expectClose(m.weights, [1], 1e-15);
    expectClose(m.means.data, [4, 3], 1e-14);
    if (m.covariances.type !== 'full') throw new Error('expected full covariances');
    expectClose(m.covariances.values[0]!.data, [5.5, 2, 2, 4], 1e-14);
    // Σ = [[5.5,2],[2,4]]: |Σ| = 22 - 4 = 18, Σ⁻¹ = [[4,-2],[-2,5.5]]/18, Σ_i Mahalanobis² = n·tr(Σ⁻¹S)
    // = 4·(4·5 - 2·2 - 2·2 + 5.5·3.5)/18 = 4·31.25/18, so log L = -½(4·(2·log 2π + log 18) + 125/18).
    const expected = -0.5 * (4 * (2 * LOG_2PI + Math.log(18)) + 125 / 18);
    expectClose(m.logLikelihood, expected, 1e-12);
    expectClose(m.score(X), expected / 4, 1e-12);
    // The initial parameters are already the maximum: iteration 2 repeats iteration 1's bound.
    expect(m.nIter).toBe(2);
    expect(m.converged).toBe(true);
    expect(Array.from(m.labels)).toEqual([0, 0, 0, 0]);
  });

  it('one component in every covariance type', () => {
    const cov = (type: CovarianceType) => new GaussianMixture({ k: 1, covarianceType: type, regCovar: 0.5 }).fit(X).covariances;
    const diag = cov('diag');
    const spherical = cov('spherical');
    const tied = cov('tied');
    if (diag.type !== 'diag' || spherical.type !== 'spherical' || tied.type !== 'tied') throw new Error('wrong covariance shape');
    expectClose(diag.values.data, [5.5, 4], 1e-14);
    expectClose(spherical.values, [4.75], 1e-14); // mean of the diagonal
    expectClose(tied.values.data, [5.5, 2, 2, 4], 1e-14);
  });

  it('one component on 7 rows (4-row block + 3-row tail) = two-pass mean and biased covariance', () => {
    const rows = [[1, 2, 0], [3, 1, 1], [5, 6, -2], [7, 3, 4], [2, 2, 2], [0, 5, 1], [4, 4, -1]];
    const m = new GaussianMixture({ k: 1, regCovar: 0 }).fit(Matrix.fromRows(rows));
    const mean = [0, 1, 2].map((j) => rows.reduce((s, r) => s + r[j]!, 0) / 7);
    const cov = [0, 1, 2].flatMap((a) => [0, 1, 2].map((b) => rows.reduce((s, r) => s + (r[a]! - mean[a]!) * (r[b]! - mean[b]!), 0) / 7));
    expectClose(m.means.data, mean, 1e-13);
    if (m.covariances.type !== 'full') throw new Error('expected full covariances');
    expectClose(m.covariances.values[0]!.data, cov, 1e-12);
  });

  it('1-D, two components: lower bound and one EM step by hand', () => {
    // x = 0, 2, 4, 6; meansInit 1 and 5. Nearest-mean start: {0,2} → c0, {4,6} → c1, so weights ½, ½ and
    // variances ((1)² + (1)²)/2 = 1 each (regCovar 0). E-step, log N(x | μ, 1) = -½ log 2π - ½(x-μ)²:
    //   x=0: c0 -½, c1 -12.5 → r1(0) = a = 1/(1+e^12) ≈ 6.1442e-6
    //   x=2: c0 -½, c1 -4.5  → r1(2) = b = 1/(1+e^4)  ≈ 0.0179862
    //   x=4, x=6 mirror x=2, x=0.
    // Lower bound = mean log p(x) = log ½ - ½ log 2π - ½ + ½(log(1+e^-12) + log(1+e^-4)) ≈ -2.1030077.
    // M-step: nk0 = (1-a) + (1-b) + b + a = 2 → weights stay ½;
    //   μ0 = (0·(1-a) + 2·(1-b) + 4·b + 6·a)/2 = 1 + b + 3a ≈ 1.0180046, μ1 = 5 - b - 3a by symmetry;
    //   σ0² = ((1-a)μ0² + (1-b)(2-μ0)² + b(4-μ0)² + a(6-μ0)²)/2 ≈ 1.07169.
    const X1 = Matrix.fromRows([[0], [2], [4], [6]]);
    const m = new GaussianMixture({ k: 2, meansInit: [[1], [5]], regCovar: 0, maxIter: 1 }).fit(X1);
    const a = 1 / (1 + Math.exp(12));
    const b = 1 / (1 + Math.exp(4));
    const lb = Math.log(0.5) - 0.5 * LOG_2PI - 0.5 + 0.5 * (Math.log1p(Math.exp(-12)) + Math.log1p(Math.exp(-4)));
    expectClose(m.lowerBound, lb, 1e-12);
    expectClose(m.lowerBound, -2.1030077, 1e-7);
    expect(m.nIter).toBe(1);
    expect(m.converged).toBe(false);
    const mu0 = 1 + b + 3 * a;
    const var0 = ((1 - a) * mu0 ** 2 + (1 - b) * (2 - mu0) ** 2 + b * (4 - mu0) ** 2 + a * (6 - mu0) ** 2) / 2;
    expectClose(m.weights, [0.5, 0.5], 1e-14);
    expectClose(m.means.data, [mu0, 6 - mu0], 1e-12);
    if (m.covariances.type !== 'full') throw new Error('expected full covariances');
    expectClose(m.covariances.values[0]!.data, [var0], 1e-12);
    expectClose(m.covariances.values[1]!.data, [var0], 1e-12);
    expectClose(var0, 1.07169, 1e-5);
  });

  it('responsibilities and log density of known parameters, also far in the tail (log-sum-exp)', () => {
    // weights ¼, ¾; N(0, 1) and N(3, 4). At x=1 both exponents are -½: p0 ∝ ¼/1, p1 ∝ ¾/2 → r = (0.4, 0.6),
    // log p(1) = log(¼ + ⅜) - ½ - ½ log 2π. At x=1000 both densities underflow (e^-499999.5 vs e^-124251.1)
    // but log p stays finite: ≈ log ¾ - log 2 - ½ log 2π - 997²/8, and r1 = 1.
    const model = GaussianMixtureModel.fromJSON({
      schemaVersion: CLUSTER_SCHEMA_VERSION,
      kind: 'gmm',
      params: { k: 2, covarianceType: 'full', regCovar: 1e-6, maxIter: 100, tol: 1e-3, nInit: 1, init: 'kmeans', seed: 0 },
      columns: ['x'],
      weights: [0.25, 0.75],
      means: [[0], [3]],
      covariance: { type: 'full', values: [[[1]], [[4]]] },
      labels: [0, 1],
      converged: true,
      nIter: 3,
      lowerBound: -1,
      lowerBounds: [-2, -1.5, -1],
      logLikelihood: -2,
    });
    const X1 = Matrix.fromRows([[1], [0], [1000]], ['x']);
    const P = model.predictProba(X1);
    expectClose(P.row(0), [0.4, 0.6], 1e-15);
    const r0 = 0.25 / (0.25 + 0.375 * Math.exp(-9 / 8)); // x = 0: p1 ∝ ¾·e^(-9/8)/2
    expectClose(P.row(1), [r0, 1 - r0], 1e-15);
    expectClose(P.row(2), [0, 1], 1e-300);
    const ll = model.scoreSamples(X1);
    expectClose(ll[0]!, Math.log(0.625) - 0.5 - 0.5 * LOG_2PI, 1e-14);
    expectClose(ll[2]!, Math.log(0.75) - Math.log(2) - 0.5 * LOG_2PI - (997 * 997) / 8, 1e-9);
    expect(Array.from(model.predict(X1))).toEqual([1, 0, 1]);
    // BIC and AIC with p = 1·2 (variances) + 2 (means) + 1 (weights) = 5 parameters.
    expect(model.nParameters).toBe(5);
    const total = ll[0]! + ll[1]! + ll[2]!;
    expectClose(model.bic(X1), -2 * total + 5 * Math.log(3), 1e-6);
    expectClose(model.aic(X1), -2 * total + 10, 1e-6);
  });
});

// Reference values from scikit-learn 1.2.1 (Debian python3-sklearn), produced by this script; the
// subclass reproduces seglab's meansInit start (nearest initial mean → weights and covariances,
// then the means replaced by means_init) so both start from the same parameters:
//
// import warnings; warnings.simplefilter('ignore')
// import numpy as np
// from sklearn.mixture import GaussianMixture
// X = np.array(refX)  # the 36×3 rows of refX below
// M0 = np.array([[0.5, 0.5, 0.5], [2.5, 1.5, -0.5], [1.5, 3, 1]])
//
// class NearestMeanInit(GaussianMixture):
//     # seglab's meansInit: first responsibilities = nearest initial mean; means then replaced by means_init.
//     def _initialize_parameters(self, X, random_state):
//         lab = ((X[:, None, :] - self.means_init[None]) ** 2).sum(-1).argmin(1)
//         resp = np.zeros((len(X), self.n_components)); resp[np.arange(len(X)), lab] = 1
//         self._initialize(X, resp)
//
// np.set_printoptions(precision=17)
// def r(a): return repr(np.asarray(a).tolist())
// for cov in ['full', 'tied', 'diag', 'spherical']:
//     for max_iter in [2, 100]:
//         g = NearestMeanInit(3, covariance_type=cov, means_init=M0, max_iter=max_iter, tol=1e-3, reg_covar=1e-6).fit(X)
//         print(f"  {cov}_{max_iter}: {{ nIter: {g.n_iter_}, converged: {str(g.n_iter_ < max_iter).lower()}, lowerBound: {g.lower_bound_!r}, score: {g.score(X)!r}, bic: {g.bic(X)!r}, aic: {g.aic(X)!r},")
//         print(f"    weights: {r(g.weights_)},")
//         print(f"    means: {r(g.means_)},")
//         print(f"    covariances: {r(g.covariances_)},")
//         print(f"    proba: {r(g.predict_proba(X[[0, 6, 20, 34]]))} }},")
const refX = [[0.09, 0.06, -0.33], [-0.05, 1.39, 0.17], [0.64, -0.1, -1.14], [0.86, 0.37, 0.08], [-0.68, 0.08, 0.56], [-1.5, -0.25, 0.41], [-0.2, 2.91, 0.71], [-0.56, 0.35, 1.05], [-1.13, 0.95, -1.12], [0.37, 0.5, 0.29], [0.38, 2.02, 0.44], [0.94, 0.95, -0.77], [3.32, 1.1, -1.71], [3.14, 1.05, -1.0], [4.14, 1.52, -0.12], [4.37, 2.11, -0.94], [4.67, 0.95, -1.6], [3.89, 1.78, -0.44], [3.45, 1.07, -1.34], [3.19, 0.46, -2.27], [2.67, 0.86, -0.76], [3.3, 2.15, -0.38], [2.71, 0.54, -2.44], [3.2, 2.27, -1.89], [1.8, 3.94, 2.94], [0.08, 3.47, 1.75], [2.13, 4.17, 0.73], [1.44, 4.33, 1.8], [0.33, 4.46, 2.92], [2.46, 3.94, 1.66], [1.37, 4.05, 1.32], [0.42, 2.53, 1.86], [1.56, 6.2, 1.39], [1.98, 6.8, 2.63], [2.18, 3.74, -0.21], [1.83, 4.42, 2.38]];
const refMeansInit = [[0.5, 0.5, 0.5], [2.5, 1.5, -0.5], [1.5, 3, 1]];
type Ref = { nIter: number; converged: boolean; lowerBound: number; score: number; bic: number; aic: number; weights: number[]; means: number[][]; covariances: unknown; proba: number[][] };
const ref: Record<string, Ref> = {
  full_2: { nIter: 2, converged: false, lowerBound: -4.33578887738528, score: -4.3019466376793245, bic: 413.66220712813856, aic: 367.74015791291134,
    weights: [0.2621360853853852, 0.3329493391975817, 0.40491457541703313],
    means: [[-0.10649311257987407, 0.40275305814346307, -0.07512342312821178], [3.5038970340934212, 1.3210726933457297, -1.2407919242560128], [1.2208773679752853, 3.944909579539017, 1.5237289923523645]],
    covariances: [[[0.6580621274988401, 0.08169325068638, -0.1779882008549234], [0.08169325068638002, 0.23818449514739334, -0.06604576772758076], [-0.17798820085492345, -0.06604576772758078, 0.4977567386846151]], [[0.3686808193254022, 0.12775158267584108, 0.14688258944967625], [0.12775158267584105, 0.36207305886235036, 0.22743214151038005], [0.14688258944967625, 0.22743214151038005, 0.5247267401598877]], [[0.7761066853354758, 0.6626294549927144, 0.08951356643415505], [0.6626294549927144, 1.8127120018677723, 0.6566751427728837], [0.08951356643415508, 0.6566751427728837, 0.9338089776766525]]],
    proba: [[0.9903177268068819, 2.200636777080035e-10, 0.009682272973054434], [1.7472836697736032e-06, 3.566389825907226e-15, 0.9999982527163265], [0.014252656179355675, 0.9854256676939732, 0.0003216761266713165], [1.5643448415287875e-10, 7.38591112022575e-06, 0.9999926139324454]] },
  full_100: { nIter: 5, converged: true, lowerBound: -4.300477300730042, score: -4.300434208712454, bic: 413.5533122425238, aic: 367.63126302729665,
    weights: [0.26211406893794403, 0.332788047927837, 0.4050978831342189],
    means: [[-0.10095890179405559, 0.3851861192621179, -0.09377558117069386], [3.5054658445856495, 1.3223675877080527, -1.241512265336781], [1.2168445926922151, 3.9539751138923234, 1.535201823970477]],
    covariances: [[[0.6821826390997462, 0.07905559449529043, -0.18292920781126945], [0.07905559449529044, 0.21626261603638752, -0.07781027683127653], [-0.18292920781126945, -0.07781027683127653, 0.5082964408837733]], [[0.3654650499357677, 0.12666375638067665, 0.1477771548786416], [0.12666375638067662, 0.36248904252231834, 0.227580908000231], [0.14777715487864163, 0.22758090800023095, 0.5250715754847491]], [[0.7687274178973773, 0.6615028638437479, 0.08431991329879837], [0.6615028638437479, 1.7540896514893078, 0.6073010856221298], [0.0843199132987984, 0.6073010856221299, 0.8874803010503398]]],
    proba: [[0.9921947366595183, 1.5891352221377674e-10, 0.007805263181567972], [1.786062865142851e-07, 2.6395186685387237e-15, 0.9999998213937111], [0.018164002705864254, 0.9816354618192799, 0.00020053547485625962], [7.169760200342155e-12, 8.044806122145325e-06, 0.9999919551867079]] },
  tied_2: { nIter: 2, converged: false, lowerBound: -4.532712144766837, score: -4.495464080441865, bic: 384.5932357455681, aic: 357.67341379181426,
    weights: [0.2973118788364804, 0.3366635492994085, 0.3660245718641112],
    means: [[-0.07492200972308892, 0.563453092522336, -0.016695359918551977], [3.4786937858990012, 1.3174253109272038, -1.235707675968998], [1.322811088010051, 4.184766589000398, 1.6532991883528896]],
    covariances: [[0.5875231598920517, 0.2558381866250012, -0.007356357262782807], [0.2558381866250012, 0.7533558593917448, 0.2230098971554959], [-0.007356357262782708, 0.2230098971554959, 0.6228370268296451]],
    proba: [[0.9999407298496431, 4.71071670978119e-05, 1.2162983258991917e-05], [0.12495030123648539, 2.6261634059775952e-08, 0.8750496725018805], [0.0014871721898961033, 0.998511504091419, 1.323718684793184e-06], [0.0033216698031667677, 0.006189115675672266, 0.990489214521161]] },
  tied_100: { nIter: 5, converged: true, lowerBound: -4.492029392251124, score: -4.491846775979923, bic: 384.3327898243083, aic: 357.41296787055444,
    weights: [0.31383278425500116, 0.33385400890319533, 0.35231320684180356],
    means: [[-0.057058689033908254, 0.6407106968267758, 0.007469128173758272], [3.500539781099247, 1.3222782779364406, -1.239745494796583], [1.3689330805372557, 4.258295808336307, 1.6908722161555054]],
    covariances: [[0.5515206393653327, 0.22479505796751667, -0.020196115946941554], [0.22479505796751667, 0.7409111119143859, 0.21358807661932425], [-0.020196115946941554, 0.21358807661932425, 0.6170657075946324]],
    proba: [[0.999970555010523, 2.3545339355315945e-05, 5.899650121622048e-06], [0.24785476886594188, 2.6149275024881884e-08, 0.7521452049847834], [0.0012566389139102704, 0.998742054487397, 1.306598692599239e-06], [0.0036767320106892588, 0.00736183200950789, 0.9889614359798028]] },
  diag_2: { nIter: 2, converged: false, lowerBound: -4.525651679846618, score: -4.516125014029606, bic: 396.8313797792538, aic: 365.1610010101316,
    weights: [0.28757910114188934, 0.3333221677778106, 0.37909873108030007],
    means: [[-0.08507625026654962, 0.4874869894498239, -0.06064551024295356], [3.5028071885204746, 1.3213179114784048, -1.2409668341370865], [1.292429601001769, 4.120726420012485, 1.6229249871987728]],
    covariances: [[0.6246451137256792, 0.3294045886105354, 0.4819166903282434], [0.3698017413270403, 0.3623921825857042, 0.5244967581640775], [0.7274551998899744, 1.4216245614488006, 0.8208824878283679]],
    proba: [[0.9999278198433629, 1.4672217763042504e-08, 7.216548441928619e-05], [0.0020596585796358517, 2.84650123492723e-10, 0.9979403411357142], [0.0034637590220667406, 0.9962536068403826, 0.00028263413755083816], [5.3062578623542875e-08, 0.0004550001512173011, 0.9995449467862041]] },
  diag_100: { nIter: 4, converged: true, lowerBound: -4.515706767836745, score: -4.515425422106718, bic: 396.78100916080587, aic: 365.1106303916837,
    weights: [0.2914928087874335, 0.3331818481660692, 0.3753253430464973],
    means: [[-0.0784314994136174, 0.5059477361088532, -0.05533960166580082], [3.504280267286091, 1.3217198721051997, -1.2410963957728407], [1.3011516720582172, 4.142871271928208, 1.6354039631510016]],
    covariances: [[0.6207624963235628, 0.35240274440546243, 0.4790352280984231], [0.36625868966957215, 0.36246703185915125, 0.524705035023412], [0.7249185944215896, 1.385396936101318, 0.8129086343266246]],
    proba: [[0.9999441984012203, 1.272798532049386e-08, 5.578887079453071e-05], [0.004407179482863625, 2.5167704830691224e-10, 0.9955928202654591], [0.003492028179471633, 0.9962743295309651, 0.00023364228956347216], [1.8300684359932005e-07, 0.0004632679444974601, 0.9995365490486589]] },
  spherical_2: { nIter: 2, converged: false, lowerBound: -4.564672954200096, score: -4.547783693405004, bic: 377.6096910635458, aic: 355.4404259251603,
    weights: [0.29806417965715515, 0.3333494252037462, 0.36858639513909863],
    means: [[-0.07067209321785956, 0.5420482580298253, -0.04230703642644729], [3.5022154033510926, 1.3212654271707747, -1.2409704618571171], [1.3203387043483812, 4.180212720936447, 1.656202391022498]],
    covariances: [0.49531993209835107, 0.41941436388366915, 0.9522249566811077],
    proba: [[0.9999948842244138, 1.0592722229850098e-07, 5.009848363771377e-06], [0.04976773891686465, 1.5621362534672313e-09, 0.9502322595209985], [0.0007381390435472794, 0.9991931473963979, 6.871356005487096e-05], [4.202726490611792e-06, 0.0010294772828120283, 0.9989663199906978]] },
  spherical_100: { nIter: 4, converged: true, lowerBound: -4.546819289732933, score: -4.546721748297936, bic: 377.5332310158369, aic: 355.3639658774514,
    weights: [0.30454749116811475, 0.3333128279529243, 0.3621396808789611],
    means: [[-0.06309583468302865, 0.5759506622294773, -0.031440642681020245], [3.5037041366650024, 1.3216607494830308, -1.2408974260151475], [1.337720568023517, 4.21618244885163, 1.677112169277837]],
    covariances: [0.5080161873540482, 0.418156574318324, 0.9269862965952136],
    proba: [[0.9999968012939688, 1.0443961844171259e-07, 3.094266412712113e-06], [0.07640358326604946, 1.6247038870485622e-09, 0.9235964151092464], [0.0009354103099292486, 0.999018564425983, 4.60252640876912e-05], [8.435514896337802e-06, 0.0010884034964430303, 0.998903160988661]] },
};
// Lower bound after each iteration, for the convergence trace (same X, M0 and class as above):
// for m in range(1, 6):
//     print(NearestMeanInit(3, means_init=M0, max_iter=m, tol=1e-3, reg_covar=1e-6).fit(X).lower_bound_)
const refFullTrace = [-5.78951332822138, -4.33578887738528, -4.3019466376793245, -4.300593739776758, -4.300477300730042];

describe('GaussianMixture: agrees with scikit-learn', () => {
  const X = Matrix.fromRows(refX, ['f1', 'f2', 'f3']);
  const types: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];
  for (const type of types) {
    for (const maxIter of [2, 100]) {
      it(`${type}, maxIter=${maxIter}: weights, means, covariances, lower bound, BIC/AIC, probabilities`, () => {
        const r = ref[`${type}_${maxIter}`]!;
        const m = new GaussianMixture({ k: 3, covarianceType: type, meansInit: refMeansInit, maxIter }).fit(X);
        expect(m.nIter).toBe(r.nIter);
        expect(m.converged).toBe(r.converged);
        expectClose(m.lowerBound, r.lowerBound, 1e-10);
        expectClose(m.weights, r.weights, 1e-10);
        expectClose(m.means.data, r.means.flat(), 1e-10);
        const cov = m.covariances;
        const expectedCov = (r.covariances as number[] | number[][] | number[][][]).flat(2) as number[];
        const actualCov = cov.type === 'full' ? cov.values.flatMap((c) => Array.from(c.data)) : cov.type === 'spherical' ? Array.from(cov.values) : Array.from(cov.values.data);
        expectClose(actualCov, expectedCov, 1e-10);
        expectClose(m.score(X), r.score, 1e-10);
        expectClose(m.logLikelihood, r.score * X.rows, 1e-8);
        expectClose(m.bic(X), r.bic, 1e-8);
        expectClose(m.aic(X), r.aic, 1e-8);
        const rows = Matrix.fromRows([0, 6, 20, 34].map((i) => refX[i]!), X.columns);
        expectClose(m.predictProba(rows).data, r.proba.flat(), 1e-10);
      });
    }
  }

  it('lower-bound trace of the full fit', () => {
    const m = new GaussianMixture({ k: 3, meansInit: refMeansInit }).fit(X);
    expectClose(m.lowerBounds, refFullTrace, 1e-10);
    expect(m.lowerBound).toBe(m.lowerBounds[m.lowerBounds.length - 1]);
  });

  it("parameter counts follow scikit-learn's _n_parameters (k=3, d=3)", () => {
    // full 3·6 + 9 + 2 = 29; tied 6 + 9 + 2 = 17; diag 9 + 9 + 2 = 20; spherical 3 + 9 + 2 = 14.
    const count = (type: CovarianceType) => new GaussianMixture({ k: 3, covarianceType: type, meansInit: refMeansInit, maxIter: 1 }).fit(X).nParameters;
    expect(types.map(count)).toEqual([29, 17, 20, 14]);
  });
});

describe('GaussianMixture: behaviour', () => {
  const X = blobs([[0, 0], [8, 0], [4, 7]], 60, 1, 11);

  it('predictProba rows sum to 1 and labels are their argmax (= predict on the training rows)', () => {
    for (const covarianceType of ['full', 'tied', 'diag', 'spherical'] as const) {
      const m = new GaussianMixture({ k: 3, covarianceType, seed: 3 }).fit(X);
      const P = m.predictProba(X);
      expect(P.rows).toBe(X.rows);
      expect(P.cols).toBe(3);
      for (let i = 0; i < P.rows; i++) {
        const row = Array.from(P.row(i));
        expect(Math.abs(row.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
        expect(m.labels[i]).toBe(row.indexOf(Math.max(...row)));
      }
      expect(Array.from(m.predict(X))).toEqual(Array.from(m.labels));
      // Three well-separated blobs of 60: every blob ends up in exactly one component.
      const sizes = [0, 0, 0];
      for (const l of m.labels) sizes[l]!++;
      expect(sizes).toEqual([60, 60, 60]);
    }
  });

  it('scoring many rows at once equals scoring them one by one (blocked and tail loops agree)', () => {
    const m = new GaussianMixture({ k: 3, seed: 2 }).fit(X);
    const some = Matrix.fromRows(X.toRows().slice(0, 11), X.columns);
    const one = (i: number) => Matrix.fromRows([some.toRows()[i]!], X.columns);
    const byRow = Array.from({ length: some.rows }, (_, i) => m.scoreSamples(one(i))[0]!);
    expect(Array.from(m.scoreSamples(some))).toEqual(byRow);
    const probaByRow = Array.from({ length: some.rows }, (_, i) => Array.from(m.predictProba(one(i)).data)).flat();
    expect(Array.from(m.predictProba(some).data)).toEqual(probaByRow);
  });

  it('BIC picks the true number of components on well-separated blobs (k = 1..6)', () => {
    const bics = [1, 2, 3, 4, 5, 6].map((k) => new GaussianMixture({ k, seed: 1, nInit: 2 }).fit(X).bic(X));
    expect(bics.indexOf(Math.min(...bics)) + 1).toBe(3);
  });

  it('same seed ⇒ identical model; random init is seeded too', () => {
    for (const init of ['kmeans', 'random'] as const) {
      const a = new GaussianMixture({ k: 3, init, seed: 42, nInit: 2 }).fit(X);
      const b = new GaussianMixture({ k: 3, init, seed: 42, nInit: 2 }).fit(X);
      expect(b.toJSON()).toEqual(a.toJSON());
    }
    const r1 = new GaussianMixture({ k: 3, init: 'random', seed: 1, maxIter: 1 }).fit(X);
    const r2 = new GaussianMixture({ k: 3, init: 'random', seed: 2, maxIter: 1 }).fit(X);
    expect(Array.from(r1.means.data)).not.toEqual(Array.from(r2.means.data));
  });

  it('random init reaches the same optimum as k-means init (with a tight tol)', () => {
    // Random memberships start every component near the global mean; with tol 1e-3 EM can stop on that
    // plateau (as in scikit-learn), so this compares at tol 1e-6.
    const a = new GaussianMixture({ k: 3, init: 'random', seed: 5, maxIter: 500, tol: 1e-6 }).fit(X);
    const b = new GaussianMixture({ k: 3, seed: 5 }).fit(X);
    expect(a.converged).toBe(true);
    expectClose(a.score(X), b.score(X), 1e-6);
  });

  it('nInit keeps the restart with the best lower bound (restart 0 is the nInit=1 run)', () => {
    // Seed 5, restart 0: random start stalls on the plateau after 2 iterations (mean log-likelihood ≈ -5.33);
    // another restart reaches the three blobs (≈ -3.74).
    const single = new GaussianMixture({ k: 3, init: 'random', seed: 5, nInit: 1 }).fit(X);
    const many = new GaussianMixture({ k: 3, init: 'random', seed: 5, nInit: 4 }).fit(X);
    expect(single.lowerBound).toBeLessThan(-5);
    expect(many.lowerBound).toBeGreaterThan(-3.8);
    expect(many.nIter).toBeGreaterThan(2);
  });

  it('reports iterations through progress and notes a fit that did not converge', () => {
    const events: string[] = [];
    const progress = {
      start: (step: string, total?: number) => events.push(`start ${step} ${total}`),
      update: (done: number) => events.push(`update ${done}`),
      end: (detail?: string) => events.push(`end ${detail}`),
      note: (message: string) => events.push(`note ${message}`),
    };
    new GaussianMixture({ k: 3, maxIter: 2, tol: 0 }).fit(X, { progress });
    expect(events[0]).toMatch(/^start Gaussian mixture k=3/);
    expect(events).toContain('update 2');
    expect(events.some((e) => /^note .*did not converge within maxIter=2/.test(e))).toBe(true);
    expect(events[events.length - 1]).toMatch(/^end lower bound .* \(not converged\)$/);
  });

  it('an empty component keeps a floored weight and regCovar covariance instead of failing', () => {
    // The third initial mean is far from every row: it starts with no rows (nk = 10·eps).
    const Y = blobs([[0, 0], [8, 0]], 30, 1, 2);
    const notes: string[] = [];
    const progress = { start() {}, update() {}, end() {}, note: (m: string) => notes.push(m) };
    const m = new GaussianMixture({ k: 3, meansInit: [[0, 0], [8, 0], [100, 100]], covarianceType: 'diag' }).fit(Y, { progress });
    expect(Number.isFinite(m.lowerBound)).toBe(true);
    expect(m.weights[2]!).toBeGreaterThan(0);
    expect(m.weights[2]!).toBeLessThan(1e-12);
    if (m.covariances.type !== 'diag') throw new Error('expected diag');
    expectClose(m.covariances.values.row(2), [1e-6, 1e-6], 1e-12);
    expect(Array.from(m.labels).includes(2)).toBe(false);
    expect(notes.some((n) => /component\(s\) 2 hold no row/.test(n))).toBe(true);
  });

  it('covarianceMatrix expands every type to d×d', () => {
    const full = new GaussianMixture({ k: 3, seed: 1 }).fit(X);
    if (full.covariances.type !== 'full') throw new Error('expected full');
    expect(full.covarianceMatrix(1).data).toEqual(full.covariances.values[1]!.data);
    const sph = new GaussianMixture({ k: 3, seed: 1, covarianceType: 'spherical' }).fit(X);
    if (sph.covariances.type !== 'spherical') throw new Error('expected spherical');
    const v = sph.covariances.values[2]!;
    expect(Array.from(sph.covarianceMatrix(2).data)).toEqual([v, 0, 0, v]);
    expect(() => sph.covarianceMatrix(3)).toThrow(/component 3 does not exist/);
  });
});

describe('GaussianMixtureModel JSON', () => {
  const X = blobs([[0, 0], [6, 1], [2, 6]], 40, 1.2, 21);
  const probe = blobs([[3, 3]], 50, 4, 99);

  for (const covarianceType of ['full', 'tied', 'diag', 'spherical'] as const) {
    it(`${covarianceType}: round trip gives identical labels, predictions, probabilities and scores`, () => {
      const m = new GaussianMixture({ k: 3, covarianceType, seed: 4 }).fit(X);
      const back = roundTrip(m);
      expect(back.toJSON()).toEqual(m.toJSON());
      expect(back.kind).toBe('gmm');
      expect(back.columns).toEqual(['a', 'b']);
      expect(Array.from(back.labels)).toEqual(Array.from(m.labels));
      expect(Array.from(back.predict(probe))).toEqual(Array.from(m.predict(probe)));
      expect(Array.from(back.predictProba(probe).data)).toEqual(Array.from(m.predictProba(probe).data));
      expect(Array.from(back.scoreSamples(probe))).toEqual(Array.from(m.scoreSamples(probe)));
      expect(back.bic(probe)).toBe(m.bic(probe));
    });
  }

  it('accepts JSON text and keeps meansInit', () => {
    const m = new GaussianMixture({ k: 3, meansInit: [[0, 0], [6, 1], [2, 6]] }).fit(X);
    const back = GaussianMixtureModel.fromJSON(JSON.stringify(m));
    expect(back.params.meansInit).toEqual([[0, 0], [6, 1], [2, 6]]);
    expect(Array.from(back.predictProba(probe).data)).toEqual(Array.from(m.predictProba(probe).data));
  });

  it('rejects malformed JSON naming the field', () => {
    const good = new GaussianMixture({ k: 2, seed: 1 }).fit(X).toJSON();
    const bad = (patch: (j: any) => void) => {
      const j = JSON.parse(JSON.stringify(good));
      patch(j);
      return () => GaussianMixtureModel.fromJSON(j);
    };
    expect(bad((j) => (j.kind = 'kmeans'))).toThrow(/Invalid GaussianMixture JSON: kind/);
    expect(bad((j) => (j.schemaVersion = 99))).toThrow(/schemaVersion/);
    expect(bad((j) => delete j.weights)).toThrow(/weights: Required/);
    expect(bad((j) => (j.weights = [1]))).toThrow(/weights: expected 2 values/);
    expect(bad((j) => (j.means[1] = [1]))).toThrow(/means\.1: expected 2 values/);
    expect(bad((j) => (j.covariance.values[1] = [[1, 0], [0, -1]]))).toThrow(/covariance\.values\.1: expected a positive definite covariance/);
    expect(bad((j) => (j.covariance.values[0][0][1] = 5))).toThrow(/covariance\.values\.0\.0\.1: expected a symmetric matrix/);
    expect(bad((j) => (j.covariance = { type: 'diag', values: [[1, 1], [1, 1]] }))).toThrow(/covariance\.type: expected "full"/);
    expect(bad((j) => (j.labels[0] = 2))).toThrow(/labels\.0: expected a component from 0 to 1/);
    expect(bad((j) => j.lowerBounds.push(0))).toThrow(/lowerBounds: expected one value per iteration/);
    expect(bad((j) => (j.params.covarianceType = 'banana'))).toThrow(/params\.covarianceType/);
    expect(() => GaussianMixtureModel.fromJSON('{not json')).toThrow(UsageError);
  });
});

describe('GaussianMixture: errors', () => {
  it('validates parameters in the constructor, naming them', () => {
    expect(() => new GaussianMixture(undefined as never)).toThrow(/GaussianMixture params/);
    expect(() => new GaussianMixture({ k: 0 })).toThrow(/Invalid GaussianMixture k: got 0, expected a whole number >= 1/);
    expect(() => new GaussianMixture({ k: 2.5 })).toThrow(/GaussianMixture k/);
    expect(() => new GaussianMixture({ k: 2, covarianceType: 'banana' as never })).toThrow(/covarianceType: got "banana", expected one of full, tied, diag, spherical/);
    expect(() => new GaussianMixture({ k: 2, regCovar: -1 })).toThrow(/regCovar/);
    expect(() => new GaussianMixture({ k: 2, tol: Number.NaN })).toThrow(/tol/);
    expect(() => new GaussianMixture({ k: 2, maxIter: 0 })).toThrow(/maxIter/);
    expect(() => new GaussianMixture({ k: 2, nInit: 0 })).toThrow(/nInit/);
    expect(() => new GaussianMixture({ k: 2, init: 'k-means++' as never })).toThrow(/init: got "k-means\+\+", expected one of kmeans, random/);
    expect(() => new GaussianMixture({ k: 2, seed: 0.5 })).toThrow(/seed/);
    expect(() => new GaussianMixture({ k: 2, meansInit: [[0, 0]] })).toThrow(/meansInit.*k=2 rows/);
    expect(() => new GaussianMixture({ k: 2, meansInit: [[0, 0], [1]] })).toThrow(/meansInit\[1\]/);
    expect(() => new GaussianMixture({ k: 2, meansInit: [[0, 0], [1, Number.NaN]] })).toThrow(/meansInit\[1\]/);
  });

  it('validates the input of fit', () => {
    const gm = new GaussianMixture({ k: 8 });
    expect(() => gm.fit(Matrix.zeros(0, 2))).toThrow(InputError);
    expect(() => gm.fit(Matrix.fromRows([[1, 2], [3, 4], [5, 7]]))).toThrow(/n_samples=3 should be >= n_clusters=8/);
    const withNaN = Matrix.fromRows([[1, 2], [3, Number.NaN], [5, 6]], ['spend', 'visits']);
    expect(() => new GaussianMixture({ k: 2 }).fit(withNaN)).toThrow(/row 2, column "visits"/);
    expect(() => new GaussianMixture({ k: 2 }).fit(Matrix.fromRows([[1, Infinity], [3, 4]]))).toThrow(/Infinity is not a finite number/);
    const X = Matrix.fromRows([[0, 1], [1, 0], [5, 5], [6, 5]]);
    expect(() => new GaussianMixture({ k: 2, meansInit: [[0], [1]] }).fit(X)).toThrow(/meansInit has 1 values per mean but X has 2 columns/);
    expect(() => new GaussianMixture({ k: 2 }).fit(X, { sampleWeight: [1, 1, 1, 1] })).toThrow(/sampleWeight is not supported/);
  });

  it('names the component whose covariance is not positive definite, with the fix', () => {
    // Component 1 starts on three identical rows at the origin: with regCovar 0 its covariance is the zero
    // matrix. (At the origin the mean Σx/(nk + 10·eps) is exactly 0; elsewhere the mass floor leaves a 1e-28 variance.)
    const X = Matrix.fromRows([[8, 9], [9, 8], [10, 10], [0, 0], [0, 0], [0, 0]]);
    const run = (covarianceType: CovarianceType, regCovar: number) => () => new GaussianMixture({ k: 2, covarianceType, regCovar, meansInit: [[9, 9], [0, 0]] }).fit(X);
    expect(run('full', 0)).toThrow(InputError);
    expect(run('full', 0)).toThrow(/covariance of component 1 is not positive definite even after adding regCovar=0.*Increase regCovar.*reduce the number of features/);
    expect(run('diag', 0)).toThrow(/component 1 is not positive definite/);
    expect(run('spherical', 0)).toThrow(/component 1 is not positive definite/);
    // The default regCovar keeps the collapsed component valid (variance 1e-6), as in scikit-learn.
    const m = run('full', 1e-6)();
    if (m.covariances.type !== 'full') throw new Error('expected full');
    expectClose(m.covariances.values[1]!.data, [1e-6, 0, 0, 1e-6], 1e-12);
    expect(Array.from(m.labels)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('a tied covariance that is singular is named as the shared one', () => {
    // Both columns equal up to a factor: the pooled covariance has rank 1.
    const X = Matrix.fromRows([[0, 0], [1, 2], [5, 10], [6, 12]]);
    expect(() => new GaussianMixture({ k: 2, covarianceType: 'tied', regCovar: 0, meansInit: [[0.5, 1], [5.5, 11]] }).fit(X)).toThrow(
      /shared \(tied\) covariance is not positive definite/,
    );
  });

  it('checks the columns and values given to a fitted model', () => {
    const X = blobs([[0, 0], [5, 5]], 20, 1, 3);
    const m = new GaussianMixture({ k: 2 }).fit(X);
    expect(() => m.predict(Matrix.fromRows([[1, 2]], ['b', 'a']))).toThrow('GaussianMixtureModel.predict: X does not have the columns the model was fitted on (column 1 is "b", expected "a"). Fitted on: a, b.');
    expect(() => m.predictProba(Matrix.fromRows([[1, 2, 3]], ['a', 'b', 'c']))).toThrow(UsageError);
    expect(() => m.scoreSamples(Matrix.fromRows([[1, Number.NaN]], ['a', 'b']))).toThrow(/row 1, column "b"/);
    expect(() => m.score(Matrix.zeros(0, 2, ['a', 'b']))).toThrow(/0 rows/);
    expect(m.predict(Matrix.zeros(0, 2, ['a', 'b'])).length).toBe(0);
  });
});
