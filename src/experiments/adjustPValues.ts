import { assertUnreachable } from '../core/assertUnreachable';
import { checkParam } from '../core/errors';

/** How p-values of several segments are corrected: Holm controls the family-wise error, BH the false discovery rate. */
export type PValueCorrection = 'holm' | 'benjamini-hochberg' | 'none';

export const P_VALUE_CORRECTIONS: readonly PValueCorrection[] = ['holm', 'benjamini-hochberg', 'none'];

/**
 * Adjusted p-values in the input order (statsmodels' multipletests(p, method='holm' | 'fdr_bh')[1]): compare
 * each with the level, as an unadjusted one would be. Testing every segment without this finds "an effect
 * somewhere" by chance.
 */
export function adjustPValues(pValues: readonly number[], method: PValueCorrection): number[] {
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    checkParam(Number.isFinite(p) && p >= 0 && p <= 1, `adjustPValues p[${i}]`, p, 'a p-value between 0 and 1');
  }
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const out = new Array<number>(m);
  switch (method) {
    case 'none':
      return pValues.slice();
    case 'holm': {
      let running = 0;
      order.forEach((idx, rank) => {
        running = Math.max(running, Math.min(1, (m - rank) * pValues[idx]));
        out[idx] = running;
      });
      return out;
    }
    case 'benjamini-hochberg': {
      let running = 1;
      for (let rank = m - 1; rank >= 0; rank--) {
        const idx = order[rank];
        running = Math.min(running, (m / (rank + 1)) * pValues[idx]);
        out[idx] = Math.min(1, running);
      }
      return out;
    }
    default:
      return assertUnreachable(method);
  }
}
