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
 * over the bits of the three doubles: linear in the customers, no strings. The table grows with the
 * distinct rows (not sized for every customer) and keeps their values next to it, so a summary with
 * ~100,000 distinct rows among a million customers probes a table that stays in cache.
 */
export function uniqueCustomers(x: Float64Array, tx: Float64Array, T: Float64Array): UniqueCustomers {
  const n = x.length;
  let size = 1024;
  let mask = size - 1;
  let slots = new Int32Array(size).fill(-1);
  let hashes = new Int32Array(512);
  let kx = new Float64Array(512);
  let kt = new Float64Array(512);
  let kT = new Float64Array(512);
  let count = new Float64Array(512);
  const group = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const ti = tx[i]!;
    const Ti = T[i]!;
    const hash = mix(mix(mix(0x811c9dc5, xi), ti), Ti);
    let h = hash & mask;
    for (;;) {
      const g = slots[h]!;
      if (g < 0) {
        if (k === kx.length) {
          const grow = <A extends Float64Array | Int32Array>(a: A): A => {
            const b = new (a.constructor as new (len: number) => A)(2 * a.length);
            b.set(a);
            return b;
          };
          hashes = grow(hashes);
          kx = grow(kx);
          kt = grow(kt);
          kT = grow(kT);
          count = grow(count);
        }
        hashes[k] = hash;
        kx[k] = xi;
        kt[k] = ti;
        kT[k] = Ti;
        count[k] = 1;
        group[i] = k++;
        // Keep the load at most 1/2: double the table and re-insert the distinct rows by their stored hashes.
        if (2 * k > size) {
          size *= 2;
          mask = size - 1;
          slots = new Int32Array(size).fill(-1);
          for (let j = 0; j < k; j++) {
            let s = hashes[j]! & mask;
            while (slots[s]! >= 0) s = (s + 1) & mask;
            slots[s] = j;
          }
        } else slots[h] = k - 1;
        break;
      }
      if (kx[g] === xi && kt[g] === ti && kT[g] === Ti) {
        count[g]++;
        group[i] = g;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  // −0 is grouped with 0 (mix hashes them alike and === says equal) and keeps the first-seen value, as before.
  return { x: kx.slice(0, k), tx: kt.slice(0, k), T: kT.slice(0, k), count: count.slice(0, k), group };
}
