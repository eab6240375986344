/** ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series. */
export function digamma(x: number): number {
  let acc = 0;
  while (x < 10) {
    acc -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ), k = 1..6: error below 1e-16 for x ≥ 10.
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return acc + Math.log(x) - 0.5 * inv - series;
}
