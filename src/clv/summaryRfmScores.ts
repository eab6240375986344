import { checkClvData } from './checkClvData';
import type { ClvData } from './ClvData';

/** R, F and M scores (1..5, 5 = best) of each customer of a CLV summary. */
export interface SummaryRfmScores {
  r: Int8Array;
  f: Int8Array;
  m: Int8Array;
}

/**
 * RFM scores from a CLV summary, for data that has only the summary (CDNOW); rfmSegment(r, f, m) names the segment
 * (the feature stage's 5 × 5 map). R from the time since the last purchase (T − recency, shorter is better), F from the purchase periods
 * (frequency + 1), M from the repeat spend (frequency × monetaryValue, 0 without a repeat purchase). Scores are
 * quintiles as the feature SQL computes them: ntile(5) in increasing order of goodness, and tied values share the
 * lowest tile any of them got, so equal values never get different scores.
 */
export function summaryRfmScores(data: ClvData): SummaryRfmScores {
  const d = checkClvData(data, 'summaryRfmScores', 'purchases');
  const n = d.n;
  const since = new Float64Array(n);
  const periods = new Float64Array(n);
  const spend = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    since[i] = -(d.T[i]! - d.tx[i]!); // negated: larger is better for every score
    periods[i] = d.x[i]! + 1;
    spend[i] = d.x[i]! > 0 && d.m ? d.x[i]! * d.m[i]! : 0;
  }
  return { r: quintiles(since), f: quintiles(periods), m: quintiles(spend) };
}

/** ntile(5) over the values in increasing order (DuckDB's: the first n mod 5 tiles one larger), ties at their lowest tile. */
function quintiles(values: Float64Array): Int8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const out = new Int8Array(n);
  const base = Math.floor(n / 5);
  const extra = n % 5;
  let pos = 0;
  for (let tile = 1; tile <= 5; tile++) {
    const size = base + (tile <= extra ? 1 : 0);
    for (let k = 0; k < size; k++) out[order[pos++]!] = tile;
  }
  // Ties: every run of equal values takes the tile of its first (lowest) member.
  for (let k = 1; k < n; k++) if (values[order[k]!] === values[order[k - 1]!]) out[order[k]!] = out[order[k - 1]!]!;
  return out;
}
