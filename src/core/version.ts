import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The seglab package folder: walk up from this file (dist/cjs/core or src/core) to seglab's package.json. */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && readJson(pkg)?.name === 'seglab') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`seglab's package.json was not found above ${__dirname}`);
    dir = parent;
  }
}

function readJson(path: string): { name?: string; version?: string } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
  } catch {
    return undefined;
  }
}

/** Versions of seglab, Node and the libraries that shape results; written into every manifest. */
export function versions(): Record<string, string> {
  const root = packageRoot();
  const out: Record<string, string> = {
    seglab: readJson(join(root, 'package.json'))?.version ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
  for (const dep of ['@duckdb/node-api', 'danfojs', '@tensorflow/tfjs', 'plotly.js-dist-min']) {
    const v = readJson(join(root, 'node_modules', dep, 'package.json'))?.version;
    if (v) out[dep] = v;
  }
  return out;
}
