import { z } from 'zod';
import type { ClvSegmentValue, HighValueBand } from '../clv/clvBySegment';
import { PURCHASE_MODEL_NAMES, type PurchaseModelName } from '../clv/ClvModelName';
import { CLV_TIME_UNITS, type ClvTimeUnit } from '../clv/ClvTimeUnit';
import type { GammaGammaJSON } from '../clv/GammaGammaModel';
import type { PurchaseModelJSON } from '../clv/PurchaseModel';
import { jsonObject } from '../core/jsonSchema';

export const CLV_FILE_SCHEMA_VERSION = 1;

/** clv.json: the clv stage's fits and aggregates (per-customer values are in clv.csv and the feature table). */
export interface ClvFile {
  schemaVersion: typeof CLV_FILE_SCHEMA_VERSION;
  asOf: string;
  /** The last day of the fit's period (asOf − 1 day, inclusive). */
  calibrationEnd: string;
  unit: ClvTimeUnit;
  model: PurchaseModelName;
  /** Months, and the discount rate per month. */
  horizon: number;
  discount: number;
  /** Customers with a purchase before asOf (in the fit), and of them the repeat buyers. */
  customers: number;
  repeatBuyers: number;
  /** Customers of the feature table without a purchase before asOf: no CLV, P(alive) or expected purchases. */
  withoutPurchase: number;
  /** Repeat buyers whose repeat purchases are worth 0 or less (returns, free lines): out of the Gamma-Gamma fit, no CLV. */
  spendExcluded: number;
  /** Every start of both fits converged. */
  converged: boolean;
  purchaseModel: PurchaseModelJSON;
  spendModel: GammaGammaJSON;
  /** Pearson correlation of frequency and mean repeat spend over the repeat buyers, and the warning when it is strong (Gamma-Gamma assumes none). */
  frequencyMonetaryCorrelation: number;
  correlationWarning: string | null;
  /** Every warning of both fits. */
  warnings: string[];
  totals: { clv: number; expectedPurchases: number; meanPAlive: number | null; meanClv: number | null };
  highValue: HighValueBand & { customers: number; leaving: number };
  /** Per segment (null when the run has no cluster stage). */
  segments: ClvSegmentValue[] | null;
}

const num = z.number().finite();
const share = z.number().min(0).max(1);
const count = z.number().int().min(0);
const segmentSchema: z.ZodType<ClvSegmentValue, z.ZodTypeDef, unknown> = z.object({
  id: z.number().int().min(-1),
  customers: count,
  withClv: count,
  customerShare: share,
  totalClv: num,
  valueShare: num.nullable(),
  meanClv: num.nullable(),
  meanPAlive: share.nullable(),
  meanExpectedPurchases: num.min(0).nullable(),
  highValueLeaving: count,
});

/** clv.json as `seglab report` reads it back: a field that is not what the clv stage writes is an error naming it. */
export const clvFileSchema: z.ZodType<ClvFile, z.ZodTypeDef, unknown> = z.object({
  schemaVersion: z.literal(CLV_FILE_SCHEMA_VERSION),
  asOf: z.string(),
  calibrationEnd: z.string(),
  unit: z.enum(CLV_TIME_UNITS as [ClvTimeUnit, ...ClvTimeUnit[]]),
  model: z.enum(PURCHASE_MODEL_NAMES),
  horizon: z.number().int().min(1),
  discount: z.number().min(0),
  customers: count,
  repeatBuyers: count,
  withoutPurchase: count,
  spendExcluded: count,
  converged: z.boolean(),
  purchaseModel: jsonObject<PurchaseModelJSON>('the fitted purchase model (an object)'),
  spendModel: jsonObject<GammaGammaJSON>('the fitted Gamma-Gamma model (an object)'),
  frequencyMonetaryCorrelation: z.number().min(-1).max(1),
  correlationWarning: z.string().nullable(),
  warnings: z.array(z.string()),
  totals: z.object({ clv: num, expectedPurchases: num.min(0), meanPAlive: share.nullable(), meanClv: num.nullable() }),
  highValue: z.object({ share: z.number().gt(0).max(1), threshold: num.nullable(), leavingBelow: share, customers: count, leaving: count }),
  segments: z.array(segmentSchema).nullable(),
});
