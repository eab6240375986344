import { CalendarDate } from '../core/CalendarDate';
import type { AvailableData } from './AvailableData';
import { buildFeatureSpecs } from './buildFeatureSpecs';
import { assembleClickHouseFeatureSql, clickHouseTimestamp, type ClickHouseFeatureSql } from './clickHouseFeatureSql';
import { parseFeatureConfig, type FeatureConfig, type FeatureConfigInput } from './FeatureConfig';
import { planFeatures, type FeaturePlan } from './planFeatures';

/** The feature plan (columns, definitions, what was skipped: those of planFeatures) and its ClickHouse statement. */
export interface ClickHouseFeaturePlan extends FeaturePlan {
  clickhouse: ClickHouseFeatureSql;
  rfmBins: number;
}

/**
 * Plan the feature table for ClickHouse: the same features, columns and definitions as planFeatures
 * (which validates `available` and the config), with the statement in ClickHouse SQL. Pure.
 */
export function planClickHouseFeatures(
  available: AvailableData,
  config: FeatureConfigInput | FeatureConfig | undefined,
  asOf: CalendarDate | Date | string,
): ClickHouseFeaturePlan {
  const plan = planFeatures(available, config, asOf);
  const cfg = parseFeatureConfig(config);
  const at = CalendarDate.parse(asOf, 'asOf');
  const { specs, ctx } = buildFeatureSpecs(available, cfg, clickHouseTimestamp(at));
  return { ...plan, clickhouse: assembleClickHouseFeatureSql(specs, ctx), rfmBins: cfg.rfmBins };
}
