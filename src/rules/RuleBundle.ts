import type { Locale } from '../core/Locale';
import type { Condition, FieldType } from './Condition';

/**
 * Saved bundles start with this; bump it when the shape changes (schemas/segment-bundle.schema.json).
 * 2: segment names in every language (`names`), missing days read as +Infinity and written out.
 */
export const RULE_BUNDLE_SCHEMA_VERSION = 2;

/**
 * A segment's name in every language seglab writes: production picks the one it shows, and an export
 * never ships the language of whichever report happened to run last.
 */
export type SegmentNames = Record<Locale, string>;

/** A field a rule reads, with the definition production must compute it by. */
export interface BundleField {
  name: string;
  type: FieldType;
  description: string;
  unit?: string | null;
  /** The feature's SQL from the feature layer (DuckDB dialect), so production computes the same number. */
  sql?: string | null;
}

/** One segment: its condition is tested in priority order (the list order); the first match wins. */
export interface SegmentRule {
  /** Stable segment id (the clustering's, kept across runs with cluster.previous). */
  id: number;
  names: SegmentNames;
  condition: Condition;
  description?: string;
}

/** Lead scoring: base points plus the points of every condition that holds (all are tested, none wins). */
export interface ScoreRule {
  condition: Condition;
  points: number;
  description?: string;
}

export interface BundleCheck {
  /** e.g. "fidelity", "min-size:segment-2", "coverage", "stability". */
  name: string;
  passed: boolean;
  value: number | null;
  threshold: number | null;
  message: string;
}

export type BundleStatus = 'validated' | 'draft';

export interface RuleBundle {
  schemaVersion: typeof RULE_BUNDLE_SCHEMA_VERSION;
  kind: 'segments' | 'score';
  name: string;
  /** 1, 2, …: `seglab export` never overwrites an earlier version. */
  bundleVersion: number;
  source: {
    runId: string | null;
    /** sha256 of the input files the run read. */
    dataFingerprints: string[];
    /** The instant the fields are computed as of; production computes them as of its own scoring date. */
    asOf: string | null;
    asOfSemantics: string;
    seglabVersion: string;
    /** The run's seed (its holdout split and tree draw from it): absent in bundles written before seglab recorded it, and in hand-made ones. */
    seed?: number;
  };
  fields: BundleField[];
  /** kind 'segments': ordered by priority. */
  segments: SegmentRule[];
  /** Who matches no segment (kind 'segments'). */
  fallback: { id: number; names: SegmentNames } | null;
  /** kind 'score'. */
  score: { base: number; rules: ScoreRule[] } | null;
  validation: { status: BundleStatus; checks: BundleCheck[]; reasons: string[] };
  /** sha256 of the canonical JSON of the bundle without this field. */
  checksum: string;
}
