import { describe, expect, it } from 'vitest';
import { loadTensorflow } from '../../src/models/tfBackend';

describe('loadTensorflow', () => {
  it('picks a working backend, reports what it tried, and computes', async () => {
    const { tf, choice } = await loadTensorflow();
    expect(['tensorflow', 'wasm', 'cpu']).toContain(choice.backend);
    expect(choice.tried.at(-1)).toEqual({ backend: choice.backend, ok: true });
    // Every backend before the chosen one failed with a reason.
    for (const t of choice.tried.slice(0, -1)) expect(t.ok === false && typeof t.reason === 'string').toBe(true);
    expect(tf.getBackend()).toBe(choice.backend);
    expect(Array.from(tf.tensor([1, 2, 3.5]).sum().dataSync())).toEqual([6.5]);
  });

  it('the wasm and cpu backends give the same matrix product', async () => {
    const a = [[1, 2], [3, 4]], b = [[5, 6], [7, 8]];
    const results: number[][] = [];
    for (const backend of ['wasm', 'cpu'] as const) {
      const { tf, choice } = await loadTensorflow(backend);
      expect(choice.backend).toBe(backend);
      results.push(Array.from(tf.matMul(tf.tensor2d(a), tf.tensor2d(b)).dataSync()));
    }
    expect(results[0]).toEqual([19, 22, 43, 50]);
    expect(results[1]).toEqual(results[0]);
  });
});
