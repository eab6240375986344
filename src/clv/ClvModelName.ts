/** The purchase-count models (how many purchases, and whether the customer is still alive). */
export type PurchaseModelName = 'bg-nbd' | 'mbg-nbd' | 'pareto-nbd';
/** Every CLV model: the purchase models and the spend model. */
export type ClvModelName = PurchaseModelName | 'gamma-gamma';
