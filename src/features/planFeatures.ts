import { CalendarDate } from '../core/CalendarDate';
import { InputError, paramError, UsageError, type Problem } from '../core/errors';
import { SCHEMAS, TABLE_NAMES } from '../data/schema';
import type { AvailableData } from './AvailableData';
import { assembleFeatureSql } from './assembleFeatureSql';
import { buildFeatureSpecs } from './buildFeatureSpecs';
import { parseFeatureConfig, type FeatureConfig, type FeatureConfigInput } from './FeatureConfig';
import type { FeatureColumn, FeatureDefinition, SkippedFeature } from './FeatureDefinition';

/** The feature table as SQL: one statement, plus each feature's own definition and what was skipped. */
export interface FeaturePlan {
  /** asOf as an ISO instant (its UTC midnight), e.g. 2026-07-01T00:00:00.000Z. */
  asOf: string;
  /** asOf as it appears in the SQL (replace it to recompute for another date). */
  asOfLiteral: string;
  /** `WITH ... SELECT customer_id, <features> FROM base ... ORDER BY customer_id`: one row per customer. */
  sql: string;
  features: FeatureDefinition[];
  skipped: SkippedFeature[];
  /** customer_id followed by every feature, in table order. */
  columns: FeatureColumn[];
}

/**
 * Plan the feature table for the tables in `available` as of `asOf` (orders, events and signups at
 * or after asOf are ignored). Pure: reads nothing, runs nothing. Category / channel share columns
 * need `available.levels` (computeFeatures looks them up); without them those groups are skipped.
 */
export function planFeatures(
  available: AvailableData,
  config: FeatureConfigInput | FeatureConfig | undefined,
  asOf: CalendarDate | Date | string,
): FeaturePlan {
  validateAvailable(available);
  const cfg = parseFeatureConfig(config);
  const at = CalendarDate.parse(asOf, 'asOf');
  const { specs, skipped, ctx } = buildFeatureSpecs(available, cfg, at.sqlTimestamp);

  const seen = new Set<string>(['customer_id']);
  for (const s of specs) {
    if (seen.has(s.name)) throw new Error(`Feature plan produced the column "${s.name}" twice.`);
    seen.add(s.name);
  }

  const features: FeatureDefinition[] = specs.map((spec) => {
    const { select, base: _b, tx: _t, cat: _c, ev: _e, orderColumns: _o, rfm: _r, ...meta } = spec;
    return { ...meta, expression: select, sql: assembleFeatureSql([spec], ctx) };
  });
  const columns: FeatureColumn[] = [
    { name: 'customer_id', role: 'id', description: 'Customer identifier.' },
    ...features.map((f) => ({ name: f.name, role: f.role, description: f.description, group: f.group, unit: f.unit })),
  ];
  return { asOf: at.isoInstant, asOfLiteral: at.sqlTimestamp, sql: assembleFeatureSql(specs, ctx), features, skipped, columns };
}

/** Required columns present, at least one table that defines the customer base, levels are strings. */
function validateAvailable(available: AvailableData): void {
  if (!available || typeof available !== 'object') {
    throw paramError('available', available, '{ customers?, transactions?, events?, levels? }');
  }
  const problems: Problem[] = [];
  for (const table of TABLE_NAMES) {
    const cols = available[table];
    if (cols === undefined) continue;
    if (!Array.isArray(cols)) {
      throw new UsageError(`Invalid available.${table}: expected an array of { name, role, type? }, got ${JSON.stringify(cols)}.`);
    }
    const names = new Set(cols.map((c) => c.name));
    for (const spec of SCHEMAS[table].columns) {
      if (spec.required && !names.has(spec.name)) {
        problems.push({
          severity: 'error',
          check: 'missing-column',
          message: `table ${table} has no column ${spec.name} (${spec.description})`,
          location: { column: spec.name, field: table },
          hint: `map a source column onto ${spec.name} in data.${table}.columns`,
        });
      }
    }
  }
  if (!available.customers && !available.transactions) {
    problems.push({
      severity: 'error',
      check: 'missing-table',
      message: 'features need a customers or a transactions table to define the customer base',
      hint: 'configure data.customers or data.transactions',
    });
  }
  for (const key of ['categories', 'channels'] as const) {
    const v = available.levels?.[key];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) {
      throw paramError(`available.levels.${key}`, v, 'an array of strings');
    }
  }
  if (problems.length) throw new InputError('The loaded tables cannot give features.', problems);
}
