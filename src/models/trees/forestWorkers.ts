import { Worker } from 'node:worker_threads';
import { forestWorkerSource, type GrowData, type GrowParams, type GrownTree } from './histTreeKernel';

export type GrownForestTree = Pick<GrownTree, 'feature' | 'bin' | 'missingLeft' | 'left' | 'right' | 'value' | 'cover' | 'catSet' | 'catWords'>;

export interface ForestJob {
  d: GrowData;
  y: Uint8Array;
  sampleWeight: Float64Array;
  p: GrowParams;
  seed: number;
  bootstrap: number;
}

/**
 * Grow trees 0 … count − 1 on `threads` worker threads, each running the kernel's own source text
 * (forestWorkerSource), so it works the same from the compiled build and under a test runner. Workers
 * take the next tree index when they post one back; each tree draws from its own seeded stream, so the
 * forest does not depend on which worker grew which tree. Resolves null when a worker cannot start
 * (the caller then grows the trees in its own thread).
 */
export async function growForestInWorkers(job: ForestJob, count: number, threads: number, onTree: (done: number) => void): Promise<GrownForestTree[] | null> {
  const source = forestWorkerSource();
  // The workers need no gradients from here (each tree computes its own); the codes are copied once per worker.
  const data: GrowData = { ...job.d, grad: new Float64Array(0), hess: new Float64Array(0), weight: new Float64Array(0) };
  const workers: Worker[] = [];
  try {
    for (let k = 0; k < Math.min(threads, count); k++) workers.push(new Worker(source, { eval: true, workerData: { ...job, d: data } }));
  } catch {
    await Promise.all(workers.map((w) => w.terminate()));
    return null;
  }
  const out: GrownForestTree[] = new Array(count);
  let next = 0, done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      for (const w of workers) {
        w.on('error', reject);
        w.on('message', (t: GrownForestTree & { index: number }) => {
          out[t.index] = t;
          done++;
          onTree(done);
          if (done === count) resolve();
          else if (next < count) w.postMessage(next++);
        });
        w.postMessage(next++);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
