import { checkParam, usageError } from '../../core/errors';
import { parseCondition, type Condition, type FieldTypes } from '../Condition';
import { LOCALES } from '../../core/Locale';
import type { SegmentNames, SegmentRule } from '../RuleBundle';
import { simplifyCondition } from '../simplifyCondition';
import type { DecisionTreeModel, TreePathStep } from '../tree/DecisionTreeModel';
import { orOf, pathCondition } from './pathConditions';

export interface ExtractRulesOptions {
  /** Field name per tree feature (same order as the columns the tree was fitted on). */
  featureNames: readonly string[];
  /** Name per segment id: one for every language, or one per language (default "Segment <id>"). */
  segmentNames?: Readonly<Record<number, string | SegmentNames>>;
  /** Rule order: 'size' (most training rows first, default) or 'purity' (purest first); ties by id. */
  priority?: 'size' | 'purity';
}

/** What one segment's rule stands on in the training data. */
export interface ExtractedSegmentStats {
  id: number;
  /** Leaf paths ORed into the rule (after merging sibling leaves with the same label). */
  paths: number;
  /** Training rows in those leaves. */
  rows: number;
  /** Share of the leaves' training weight that has this label. */
  purity: number;
}

/** Segment rules in priority order plus the segment of rows no rule matches. */
export interface RuleSet {
  segments: SegmentRule[];
  fallback: { id: number; names: SegmentNames };
}

export interface ExtractedRules extends RuleSet {
  /** The fields the rules read, all numbers. */
  fields: FieldTypes;
  stats: ExtractedSegmentStats[];
  /** Labels of the training data that no leaf predicts: these segments get no rule. */
  unmatchedSegments: number[];
}

interface MergedLeaf {
  label: number;
  path: TreePathStep[];
  rows: number;
  weight: number;
  correct: number;
}

/**
 * Readable rules from a fitted tree: one rule per predicted segment, the OR of its leaves' paths, each
 * path the AND of its conditions with repeated bounds on a field merged to the tightest. Subtrees whose
 * leaves all predict one segment are read as one leaf. The leaves partition every row (NaN read as 0
 * by both the tree and the rules, or as +Infinity in the tree's missingAsInfinity columns, which the
 * rules write out with missing-value tests), so the rules reproduce predict exactly, in any order; the fallback
 * (the training majority) only catches rows once thresholds are changed (roundThresholds).
 * Every condition is checked with parseCondition.
 */
export function extractRules(model: DecisionTreeModel, options: ExtractRulesOptions): ExtractedRules {
  const { featureNames, segmentNames = {}, priority = 'size' } = options;
  checkParam(Array.isArray(featureNames) && featureNames.length === model.featureNames.length && featureNames.every((f) => typeof f === 'string' && f.length > 0), 'extractRules featureNames', featureNames, `${model.featureNames.length} non-empty field names (one per tree feature)`);
  checkParam(new Set(featureNames).size === featureNames.length, 'extractRules featureNames', featureNames, 'distinct names');
  checkParam(priority === 'size' || priority === 'purity', 'extractRules priority', priority, "'size' or 'purity'");

  const leaves = mergedLeaves(model);
  const byLabel = new Map<number, MergedLeaf[]>();
  for (const leaf of leaves) {
    const list = byLabel.get(leaf.label) ?? [];
    list.push(leaf);
    byLabel.set(leaf.label, list);
  }
  const stats: (ExtractedSegmentStats & { weight: number; correct: number })[] = [...byLabel].map(([id, ls]) => {
    const weight = ls.reduce((a, l) => a + l.weight, 0);
    const correct = ls.reduce((a, l) => a + l.correct, 0);
    return { id, paths: ls.length, rows: ls.reduce((a, l) => a + l.rows, 0), purity: weight > 0 ? correct / weight : 0, weight, correct };
  });
  stats.sort((a, b) => (priority === 'purity' ? b.purity - a.purity || b.rows - a.rows : b.rows - a.rows || b.purity - a.purity) || a.id - b.id);

  const fields: FieldTypes = Object.fromEntries(featureNames.map((f) => [f, 'number' as const]));
  const nameOf = (id: number): SegmentNames => {
    const given = segmentNames[id] ?? `Segment ${id}`;
    return typeof given === 'string' ? (Object.fromEntries(LOCALES.map((l) => [l, given])) as SegmentNames) : { ...given };
  };
  // Fields the tree read missing as +Infinity (days) get that reading written out (simplifyCondition).
  const missingAsInfinity = model.featureNames.flatMap((f, j) => (model.params.missingAsInfinity.includes(f) ? [featureNames[j]!] : []));
  const segments: SegmentRule[] = stats.map((s, i) => {
    const condition: Condition = simplifyCondition(orOf(byLabel.get(s.id)!.map((l) => pathCondition(l.path, featureNames))), { missingAsInfinity });
    parseCondition(condition, fields, `segments[${i}].condition`);
    return {
      id: s.id,
      names: nameOf(s.id),
      condition,
      description: `${s.paths} tree path${s.paths === 1 ? '' : 's'}; ${s.rows} training rows, ${(s.purity * 100).toFixed(1)}% of them in this segment`,
    };
  });
  const root = model.classes[model.nodeClass(0)]!;
  const unmatchedSegments = Array.from(model.classes).filter((c) => !byLabel.has(c));
  return {
    segments,
    fallback: { id: root, names: nameOf(root) },
    fields,
    stats: stats.map(({ id, paths, rows, purity }) => ({ id, paths, rows, purity })),
    unmatchedSegments,
  };
}

/** Leaves left to right, a subtree whose leaves all predict one label read as one leaf. */
function mergedLeaves(model: DecisionTreeModel): MergedLeaf[] {
  const { feature, threshold, left, right, value, nSamples } = model.tree;
  const K = model.classes.length;
  if (feature.length === 0) throw usageError('extractRules', 'the tree has no nodes');
  const uniform = new Int32Array(feature.length).fill(-2); // class index, -1 = mixed, -2 = not computed
  const labelOf = (t: number): number => {
    if (uniform[t] !== -2) return uniform[t]!;
    let k: number;
    if (feature[t]! < 0) k = model.nodeClass(t);
    else {
      const a = labelOf(left[t]!);
      const b = labelOf(right[t]!);
      k = a >= 0 && a === b ? a : -1;
    }
    uniform[t] = k;
    return k;
  };
  const out: MergedLeaf[] = [];
  const walk = (t: number, path: TreePathStep[]): void => {
    const k = labelOf(t);
    if (k >= 0) {
      let weight = 0;
      for (let c = 0; c < K; c++) weight += value[t * K + c]!;
      out.push({ label: model.classes[k]!, path, rows: nSamples[t]!, weight, correct: value[t * K + k]! });
      return;
    }
    const f = feature[t]!;
    const step = { feature: f, featureName: model.featureNames[f]!, threshold: threshold[t]! };
    walk(left[t]!, [...path, { ...step, op: '<=' }]);
    walk(right[t]!, [...path, { ...step, op: '>' }]);
  };
  walk(0, []);
  return out;
}
