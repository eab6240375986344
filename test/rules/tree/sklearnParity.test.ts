import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../../src/core/Matrix';
import { Rng } from '../../../src/core/rng';
import { DecisionTree } from '../../../src/rules';

// Optional cross-check against Debian's python3-sklearn when it is installed (it is not in CI; the
// hand-computed fixtures in DecisionTree.test.ts are the check that always runs).
const probe = spawnSync('/usr/bin/python3', ['-c', 'import sklearn'], { encoding: 'utf8' });
const hasSklearn = probe.status === 0;
if (!hasSklearn) console.warn('sklearnParity: skipped, /usr/bin/python3 cannot import sklearn (apt-get install python3-sklearn to run it).');

const PY = `
import json, sys
import numpy as np
from sklearn.tree import DecisionTreeClassifier
d = json.load(sys.stdin)
X = np.array(d["X"], dtype=np.float64); y = np.array(d["y"])
c = DecisionTreeClassifier(max_depth=d["maxDepth"], min_samples_leaf=d["minSamplesLeaf"], random_state=0).fit(X, y)
t = c.tree_
json.dump({"feature": [int(f) if f >= 0 else -1 for f in t.feature], "threshold": [float(v) if f >= 0 else 0.0 for f, v in zip(t.feature, t.threshold)],
           "predict": [int(v) for v in c.predict(X)], "importances": [float(v) for v in c.feature_importances_]}, sys.stdout)
`;

describe.skipIf(!hasSklearn)('DecisionTree vs scikit-learn DecisionTreeClassifier', () => {
  it('grows the same tree on 3-class data with 4 features (values exact in float32, no tied gains)', () => {
    const rng = new Rng(42);
    const n = 600;
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      // Multiples of 1/64 below 128 are exact in float32, which scikit-learn converts X to.
      const r = [0, 1, 2, 3].map(() => Math.round(rng.uniform(0, 100) * 64) / 64);
      const score = r[0]! + 0.5 * r[1]! + rng.normal(0, 15);
      rows.push(r);
      y.push(score < 50 ? 0 : score < 90 ? 1 : 2);
    }
    const params = { maxDepth: 4, minSamplesLeaf: 5 };
    const py = spawnSync('/usr/bin/python3', ['-c', PY], { input: JSON.stringify({ X: rows, y, ...params }), encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    const sk = JSON.parse(py.stdout) as { feature: number[]; threshold: number[]; predict: number[]; importances: number[] };
    const X = Matrix.fromRows(rows);
    const m = new DecisionTree({ ...params, maxThresholds: 10_000 }).fit(X, y);
    expect(m.nodeCount).toBeGreaterThan(15);
    // scikit-learn numbers nodes depth first, left before right, as growTree does.
    expect(Array.from(m.tree.feature)).toEqual(sk.feature);
    expect(Array.from(m.tree.threshold)).toEqual(sk.threshold);
    expect(Array.from(m.predict(X))).toEqual(sk.predict);
    Array.from(m.featureImportances).forEach((v, j) => expect(v).toBeCloseTo(sk.importances[j]!, 10));
  });
});
