/** Row indices by score, highest first; equal scores keep row order (so the result is deterministic). */
export function descendingOrder(p: Float64Array): Int32Array {
  const n = p.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => p[b]! - p[a]! || a - b);
}
