import { checkParam } from '../core/errors';

/** R, F and M scores per customer (NaN for customers without an order). */
export interface RfmScores {
  r: Float64Array;
  f: Float64Array;
  m: Float64Array;
}

/**
 * The RFM scores of DuckDB's feature statement, computed on a gathered per-customer table (engines
 * without window functions, e.g. ClickHouse 18.16, return the inputs and leave the tiles to this).
 * Over the customers with an order (frequency > 0; the others get NaN): `ntile(bins)` over recency
 * descending, frequency and monetary ascending, and every customer gets the lowest tile of all customers
 * with the same value (DuckDB: `min(tile) OVER (PARTITION BY value)`), which is the tile of the first
 * position that value takes in the sorted order. The tile of a position follows DuckDB's ntile: with
 * N rows in n tiles, the first N mod n tiles hold one row more.
 */
export function rfmScores(recency: Float64Array, frequency: Float64Array, monetary: Float64Array, bins: number): RfmScores {
  checkParam(Number.isInteger(bins) && bins >= 1, 'bins', bins, 'an integer >= 1');
  const n = recency.length;
  checkParam(frequency.length === n && monetary.length === n, 'frequency / monetary', `${frequency.length} / ${monetary.length}`, `arrays of the same length as recency (${n})`);
  const buyers: number[] = [];
  for (let i = 0; i < n; i++) if (frequency[i]! > 0) buyers.push(i);
  return {
    r: scoreColumn(recency, buyers, bins, -1),
    f: scoreColumn(frequency, buyers, bins, 1),
    m: scoreColumn(monetary, buyers, bins, 1),
  };
}

/** Tile (1-based) of 0-based position `idx` among `total` rows in `bins` tiles, as DuckDB's ntile. */
export function ntileAt(idx: number, total: number, bins: number): number {
  const tiles = Math.min(bins, total);
  const size = Math.floor(total / tiles);
  const large = total - tiles * size;
  const firstSmall = large * (size + 1);
  return idx < firstSmall ? 1 + Math.floor(idx / (size + 1)) : 1 + large + Math.floor((idx - firstSmall) / size);
}

function scoreColumn(values: Float64Array, buyers: readonly number[], bins: number, direction: 1 | -1): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const order = Int32Array.from(buyers).sort((a, b) => direction * (values[a]! - values[b]!));
  const total = order.length;
  let first = 0;
  for (let p = 0; p < total; p++) {
    if (p > 0 && values[order[p]!] !== values[order[p - 1]!]) first = p;
    out[order[p]!] = ntileAt(first, total, bins);
  }
  return out;
}
