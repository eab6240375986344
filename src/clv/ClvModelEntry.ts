import type { RegistryEntry } from '../core/Registry';
import type { purchaseModelParamsSchema, PurchaseModelParams } from './clvFitParams';
import type { PurchaseModelName } from './ClvModelName';
import type { GammaGamma, GammaGammaParams, gammaGammaParamsSchema } from './GammaGamma';
import type { GammaGammaModel } from './GammaGammaModel';
import type { PurchaseEstimator } from './PurchaseEstimator';
import type { PurchaseModel } from './PurchaseModel';

/** A purchase model (BG/NBD, MBG/NBD, Pareto/NBD) as registered in CLV_MODELS. */
export interface PurchaseModelEntry<Name extends PurchaseModelName = PurchaseModelName> extends RegistryEntry<Name, typeof purchaseModelParamsSchema, 'frequency, recency and T'> {
  readonly role: 'purchases';
  /** Parameter names in order, with what they are. */
  readonly paramNames: readonly string[];
  create(params?: PurchaseModelParams): PurchaseEstimator;
  /** Restore a saved model (its toJSON); a wrong or damaged JSON is a UsageError naming the field. */
  fromJSON(json: unknown): PurchaseModel;
}

/** The spend model (Gamma-Gamma) as registered in CLV_MODELS. */
export interface SpendModelEntry extends RegistryEntry<'gamma-gamma', typeof gammaGammaParamsSchema, 'frequency and monetary value'> {
  readonly role: 'spend';
  readonly paramNames: readonly string[];
  create(params?: GammaGammaParams): GammaGamma;
  fromJSON(json: unknown): GammaGammaModel;
}

/** Every CLV model entry (one member per name, so CLV_MODELS.get('bg-nbd') is typed): `role` tells a purchase model from the spend model. */
export type ClvModelEntry = { [N in PurchaseModelName]: PurchaseModelEntry<N> }[PurchaseModelName] | SpendModelEntry;
