// The samples test/drift/fixtures/make_reference.py draws, regenerated bit for bit: MINSTD (exact in doubles in
// both languages), three uniforms summed, scaled and shifted, rounded like Python's round() when asked.
export interface SampleSpec {
  seed: number;
  n: number;
  shift?: number;
  scale?: number;
  digits?: number;
}

const M = 2147483647;

export function minstd({ seed, n, shift = 0, scale = 1, digits }: SampleSpec): Float64Array {
  let x = seed;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < 3; k++) {
      x = (48271 * x) % M;
      s += x / M;
    }
    const v = (s - 1.5) * scale + shift;
    out[i] = digits === undefined ? v : Number(v.toFixed(digits));
  }
  return out;
}
