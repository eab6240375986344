/** The purchase-count models (how many purchases, and whether the customer is still alive), as configs name them. */
export const PURCHASE_MODEL_NAMES = ['bg-nbd', 'mbg-nbd', 'pareto-nbd'] as const;
export type PurchaseModelName = (typeof PURCHASE_MODEL_NAMES)[number];
/** Every CLV model: the purchase models and the spend model. */
export type ClvModelName = PurchaseModelName | 'gamma-gamma';
