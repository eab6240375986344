import { Rng } from '../../core/rng';

/**
 * Hold out round(fraction · n_c) rows of each class, drawn from the seed, keeping at least one row of each
 * class for training. Both lists are in row order.
 */
export function stratifiedSplit(y: Uint8Array, fraction: number, seed: number): { train: Int32Array; validation: Int32Array } {
  const rng = Rng.derive(seed, 'MLP validation split');
  const held = new Uint8Array(y.length);
  for (const c of [0, 1]) {
    const rowsOf: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === c) rowsOf.push(i);
    const take = Math.min(Math.round(fraction * rowsOf.length), rowsOf.length - 1);
    rng.shuffle(rowsOf);
    for (let k = 0; k < take; k++) held[rowsOf[k]!] = 1;
  }
  const train: number[] = [];
  const validation: number[] = [];
  for (let i = 0; i < y.length; i++) (held[i] ? validation : train).push(i);
  return { train: Int32Array.from(train), validation: Int32Array.from(validation) };
}
