/**
 * TensorFlow.js backend chosen at run time: the native tfjs-node binding when it is installed and
 * loads (it is an optionalDependency: its install step downloads libtensorflow, which fails offline),
 * else the WebAssembly backend, else the pure-JavaScript cpu backend. The choice is reported so a
 * manifest can say which one ran — results may differ in the last float bits between backends.
 */
export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface TfBackendChoice {
  backend: TfBackendName;
  /** Each backend tried, in order, with why it was not used. */
  tried: { backend: TfBackendName; ok: boolean; reason?: string }[];
  tfjsVersion: string;
}

type Tf = typeof import('@tensorflow/tfjs');
let cached: Promise<{ tf: Tf; choice: TfBackendChoice }> | undefined;

/** Load TensorFlow.js once per process with the best backend available; `prefer` forces one (tests, benchmarks). */
export function loadTensorflow(prefer?: TfBackendName): Promise<{ tf: Tf; choice: TfBackendChoice }> {
  if (prefer) return choose(prefer);
  cached ??= choose();
  return cached;
}

async function choose(prefer?: TfBackendName): Promise<{ tf: Tf; choice: TfBackendChoice }> {
  const order: TfBackendName[] = prefer ? [prefer] : ['tensorflow', 'wasm', 'cpu'];
  const tried: TfBackendChoice['tried'] = [];
  let tf: Tf | undefined;
  for (const backend of order) {
    try {
      if (backend === 'tensorflow') {
        // tfjs-node registers the 'tensorflow' backend and re-exports tfjs.
        tf = require('@tensorflow/tfjs-node') as Tf;
      } else {
        tf ??= require('@tensorflow/tfjs') as Tf;
        if (backend === 'wasm') require('@tensorflow/tfjs-backend-wasm');
      }
      if (!(await tf.setBackend(backend))) throw new Error(`setBackend('${backend}') returned false`);
      await tf.ready();
      tried.push({ backend, ok: true });
      return { tf, choice: { backend, tried, tfjsVersion: tf.version.tfjs } };
    } catch (err) {
      tried.push({ backend, ok: false, reason: firstLine(err) });
    }
  }
  throw new Error(`No TensorFlow.js backend could be loaded: ${tried.map((t) => `${t.backend}: ${t.reason}`).join('; ')}`);
}

function firstLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split('\n')[0]!;
}
