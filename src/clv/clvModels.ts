import { Registry } from '../core/Registry';
import { BG_NBD } from './bgNbd';
import { purchaseModelParamsSchema } from './clvFitParams';
import type { ClvModelEntry, PurchaseModelEntry, SpendModelEntry } from './ClvModelEntry';
import type { PurchaseModelName } from './ClvModelName';
import { GammaGamma, gammaGammaParamsSchema } from './GammaGamma';
import { GammaGammaModel } from './GammaGammaModel';
import { MBG_NBD } from './mbgNbd';
import { PARETO_NBD } from './paretoNbd';
import { PurchaseEstimator } from './PurchaseEstimator';
import { PurchaseModel } from './PurchaseModel';
import type { PurchaseModelSpec } from './PurchaseModelSpec';

function purchaseEntry<N extends PurchaseModelName>(spec: PurchaseModelSpec & { name: N }, description: string): PurchaseModelEntry<N> {
  return {
    name: spec.name,
    description,
    params: purchaseModelParamsSchema,
    accepts: 'frequency, recency and T',
    role: 'purchases',
    paramNames: spec.paramNames,
    create: (params) => new PurchaseEstimator(spec, params),
    fromJSON: (json) => PurchaseModel.fromJSON(spec, json),
  };
}

export const bgNbdEntry = purchaseEntry(BG_NBD as PurchaseModelSpec & { name: 'bg-nbd' }, 'BG/NBD (Fader, Hardie & Lee 2005): repeat purchases and drop-out after a purchase; P(alive) = 1 without a repeat purchase.');
export const mbgNbdEntry = purchaseEntry(MBG_NBD as PurchaseModelSpec & { name: 'mbg-nbd' }, 'MBG/NBD (Batislam et al. 2007): the BG/NBD in which a customer may also drop out right after the first purchase.');
export const paretoNbdEntry = purchaseEntry(PARETO_NBD as PurchaseModelSpec & { name: 'pareto-nbd' }, 'Pareto/NBD (Schmittlein, Morrison & Colombo 1987): repeat purchases and an exponential lifetime at any time.');
export const gammaGammaEntry: SpendModelEntry = {
  name: 'gamma-gamma',
  description: 'Gamma-Gamma (Fader, Hardie & Lee 2005): the spend per transaction of repeat buyers, for the expected average spend and CLV.',
  params: gammaGammaParamsSchema,
  accepts: 'frequency and monetary value',
  role: 'spend',
  paramNames: ['p', 'q', 'v'],
  create: (params) => new GammaGamma(params),
  fromJSON: (json) => GammaGammaModel.fromJSON(json),
};

/** Every CLV model, registered once (configs, saved models and the contract suite read this). */
export const CLV_MODELS = new Registry('CLV model', [bgNbdEntry, mbgNbdEntry, paretoNbdEntry, gammaGammaEntry] as readonly ClvModelEntry[]);
