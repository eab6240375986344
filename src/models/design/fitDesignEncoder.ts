import { checkParam, usageError } from '../../core/errors';
import { checkFrame, DESIGN_ENCODINGS, DesignEncoder, MISSING_LEVEL, OTHER_LEVEL, type DesignColumnSpec, type DesignEncoding } from './DesignEncoder';
import type { DesignColumn, FeatureFrame } from './FeatureFrame';

export interface DesignEncoderOptions {
  /** 'one-hot' for the logistic model and the MLP, 'codes' for the trees. */
  encoding: DesignEncoding;
  /** Levels below this share of the training rows are grouped into "(other)" (default 0.01). */
  minShare?: number;
}

/**
 * Fit the design-matrix encoder on training rows: per categorical column its levels (most frequent first,
 * ties by name; those below minShare grouped into "(other)"), per numeric column its median and whether
 * it needs a missing indicator (one-hot). Columns keep the given order (the feature table's).
 */
export function fitDesignEncoder(frame: FeatureFrame, columns: readonly DesignColumn[], options: DesignEncoderOptions): DesignEncoder {
  checkParam(Array.isArray(columns) && columns.length > 0, 'columns', columns, 'a non-empty list of { name, role: numeric | categorical }');
  for (const c of columns) checkParam(!!c && typeof c.name === 'string' && c.name.length > 0 && (c.role === 'numeric' || c.role === 'categorical'), 'columns', c, '{ name, role: numeric | categorical }');
  const dup = columns.find((c, i) => columns.findIndex((d) => d.name === c.name) !== i);
  if (dup) throw usageError('fitDesignEncoder', `column "${dup.name}" is listed twice`);
  checkParam(!!options && (DESIGN_ENCODINGS as readonly string[]).includes(options.encoding), 'options.encoding', options?.encoding, DESIGN_ENCODINGS.join(' or '));
  const minShare = options.minShare ?? 0.01;
  checkParam(typeof minShare === 'number' && minShare >= 0 && minShare < 1, 'options.minShare', minShare, 'a share in [0, 1)');
  checkFrame(frame, columns, 'fitDesignEncoder');
  if (frame.rowCount === 0) throw usageError('fitDesignEncoder', 'the frame has 0 rows', 'fit on at least one training row');

  const n = frame.rowCount;
  const specs: DesignColumnSpec[] = columns.map((c) => {
    if (c.role === 'numeric') {
      const v = frame.numeric[c.name]!;
      const known: number[] = [];
      for (let i = 0; i < n; i++) if (v[i] === v[i]) known.push(v[i]!);
      return { name: c.name, role: 'numeric', median: options.encoding === 'one-hot' ? median(known) : null, indicator: options.encoding === 'one-hot' && known.length < n };
    }
    const counts = new Map<string, number>();
    let missing = 0;
    for (const v of frame.categorical[c.name]!) {
      if (v === null || v === undefined) missing++;
      else counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    // one-hot: a missing category is a level of its own; codes: it stays NaN.
    if (options.encoding === 'one-hot' && missing > 0) counts.set(MISSING_LEVEL, missing);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const kept = ranked.filter(([, k]) => k >= minShare * n).map(([l]) => l);
    const other = kept.length < ranked.length || kept.includes(OTHER_LEVEL);
    return { name: c.name, role: 'categorical', levels: kept.filter((l) => l !== OTHER_LEVEL), other };
  });
  return new DesignEncoder(options.encoding, minShare, specs);
}

/** Median of the known values; 0 when there is none (the indicator column then carries everything). */
function median(values: number[]): number {
  if (!values.length) return 0;
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
