import { checkParam, usageError } from '../../core/errors';

export type KneeCurve = 'convex' | 'concave';
export type KneeDirection = 'increasing' | 'decreasing';

export interface KneedleOptions {
  /** 'convex' finds elbows (an inertia curve is convex and decreasing), 'concave' finds knees. */
  curve: KneeCurve;
  direction: KneeDirection;
  /** S: how many flat steps past a local maximum of the difference curve before calling the knee (default 1). */
  sensitivity?: number;
}

export interface KneedleResult {
  /** x of the knee / elbow, or null when the curve has none. */
  knee: number | null;
  /** y at the knee (from the input), or null. */
  kneeY: number | null;
  /** Index of the knee in x, or null. */
  index: number | null;
  /** Why there is no knee (null when there is one). */
  reason: string | null;
  /** The normalised difference curve the knee was read from (for plots), and its threshold index. */
  differenceX: number[];
  differenceY: number[];
  differenceIndex: number | null;
}

/** Min–max to [0, 1]. */
function normalise(v: Float64Array): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of v) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return v.map((x) => (x - lo) / (hi - lo));
}

/**
 * Kneedle (Satopää, Albrecht, Irwin & Raghavan 2011) in offline mode: the first knee of the
 * normalised difference curve, without smoothing. A port of the reference `kneed` package
 * (KneeLocator, interp_method='interp1d', online=False) so results match it point for point,
 * including its flips for convex-increasing and concave-decreasing curves. x must be strictly increasing.
 */
export function kneedle(x: readonly number[] | Float64Array, y: readonly number[] | Float64Array, options: KneedleOptions): KneedleResult {
  const who = 'kneedle';
  checkParam(options !== null && typeof options === 'object', `${who} options`, options, "an object with curve and direction");
  const { curve, direction, sensitivity = 1 } = options;
  checkParam(curve === 'convex' || curve === 'concave', `${who} curve`, curve, "'convex' or 'concave'");
  checkParam(direction === 'increasing' || direction === 'decreasing', `${who} direction`, direction, "'increasing' or 'decreasing'");
  checkParam(typeof sensitivity === 'number' && Number.isFinite(sensitivity) && sensitivity >= 0, `${who} sensitivity`, sensitivity, 'a finite number >= 0');
  checkParam(Array.isArray(x) || x instanceof Float64Array, `${who} x`, typeof x, 'an array of numbers');
  checkParam(Array.isArray(y) || y instanceof Float64Array, `${who} y`, typeof y, 'an array of numbers');
  if (x.length !== y.length) throw usageError(who, `x has ${x.length} values and y ${y.length}; they must be the same length`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) throw usageError(who, `x[${i}] is ${x[i]}; x must hold finite numbers`);
    if (!Number.isFinite(y[i]!)) throw usageError(who, `y[${i}] is ${y[i]}; y must hold finite numbers`);
    if (i > 0 && !(x[i]! > x[i - 1]!)) throw usageError(who, `x must be strictly increasing (x[${i - 1}] = ${x[i - 1]}, x[${i}] = ${x[i]})`);
  }
  const n = x.length;
  const none = (reason: string, dx: number[] = [], dy: number[] = []): KneedleResult => ({
    knee: null,
    kneeY: null,
    index: null,
    reason,
    differenceX: dx,
    differenceY: dy,
    differenceIndex: null,
  });
  if (n < 3) return none(`a knee needs at least 3 points (got ${n})`);
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < n; i++) {
    yMin = Math.min(yMin, y[i]!);
    yMax = Math.max(yMax, y[i]!);
  }
  if (yMin === yMax) return none('y is constant: the curve has no knee');

  const xn = normalise(Float64Array.from(x));
  let yn = normalise(Float64Array.from(y));
  // Turn every shape into a concave increasing one (kneed's transform_y).
  if (direction === 'decreasing') {
    if (curve === 'concave') yn = yn.slice().reverse();
    else yn = yn.map((v) => 1 - v);
  } else if (curve === 'convex') {
    yn = yn.map((v) => 1 - v).reverse();
  }
  const diff = yn.map((v, i) => v - xn[i]!);
  const differenceX = Array.from(xn);
  const differenceY = Array.from(diff);

  // Local maxima / minima with scipy's argrelextrema(order=1, mode='clip') semantics: ties count.
  const isMax = new Uint8Array(n);
  const isMin = new Uint8Array(n);
  const maxima: number[] = [];
  for (let i = 0; i < n; i++) {
    const prev = diff[Math.max(i - 1, 0)]!;
    const next = diff[Math.min(i + 1, n - 1)]!;
    if (diff[i]! >= prev && diff[i]! >= next) {
      isMax[i] = 1;
      maxima.push(i);
    }
    if (diff[i]! <= prev && diff[i]! <= next) isMin[i] = 1;
  }
  if (maxima.length === 0) return none('the difference curve has no local maximum', differenceX, differenceY);
  let meanStep = 0;
  for (let i = 1; i < n; i++) meanStep += xn[i]! - xn[i - 1]!;
  meanStep = Math.abs(meanStep / (n - 1));

  let maxSeen = 0;
  let threshold = NaN;
  let thresholdIndex = -1;
  for (let i = maxima[0]!; i < n - 1; i++) {
    if (isMax[i]) {
      threshold = diff[maxima[maxSeen]!]! - sensitivity * meanStep;
      thresholdIndex = i;
      maxSeen++;
    }
    if (isMin[i]) threshold = 0;
    if (diff[i + 1]! < threshold) {
      // kneed reads the knee of a flipped curve from the mirrored index.
      const flipped = (curve === 'convex' && direction === 'increasing') || (curve === 'concave' && direction === 'decreasing');
      const index = flipped ? n - 1 - thresholdIndex : thresholdIndex;
      return { knee: x[index]!, kneeY: y[index]!, index, reason: null, differenceX, differenceY, differenceIndex: thresholdIndex };
    }
  }
  return none('no point of the difference curve fell below the threshold after a local maximum', differenceX, differenceY);
}
