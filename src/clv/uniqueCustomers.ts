/** Customers grouped by identical (x, tx, T): the distinct rows, how many customers each has, and each customer's group. */
export interface UniqueCustomers {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Customers per distinct row. */
  count: Float64Array;
  /** Distinct row of each customer. */
  group: Int32Array;
}

const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);
/** The two 32-bit words of a double, mixed (so equal doubles hash alike; 0 and -0 are made equal by the caller). */
function mix(h: number, v: number): number {
  bits[0] = v === 0 ? 0 : v;
  h = Math.imul(h ^ words[0]!, 0x9e3779b1);
  h = Math.imul(h ^ words[1]!, 0x85ebca77);
  return h ^ (h >>> 15);
}

/**
 * Group customers with the same (x, tx, T), exactly (bitwise equal values), in first-seen order: every
 * model function depends on the customer only through these, so fits and predictions run once per
 * distinct row (a summary from transactions on whole days repeats them a lot). Open-addressing hash
 * over the bits of the three doubles: linear in the customers, no strings.
 */
export function uniqueCustomers(x: Float64Array, tx: Float64Array, T: Float64Array): UniqueCustomers {
  const n = x.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const group = new Int32Array(n);
  const first = new Int32Array(n);
  const count = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const ti = tx[i]!;
    const Ti = T[i]!;
    let h = mix(mix(mix(0x811c9dc5, xi), ti), Ti) & mask;
    for (;;) {
      const g = slots[h]!;
      if (g < 0) {
        slots[h] = k;
        first[k] = i;
        count[k] = 1;
        group[i] = k++;
        break;
      }
      const j = first[g]!;
      if (x[j] === xi && tx[j] === ti && T[j] === Ti) {
        count[g]++;
        group[i] = g;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  const pick = (col: Float64Array): Float64Array => {
    const out = new Float64Array(k);
    for (let g = 0; g < k; g++) out[g] = col[first[g]!]!;
    return out;
  };
  return { x: pick(x), tx: pick(tx), T: pick(T), count: count.slice(0, k), group };
}
