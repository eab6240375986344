import { join } from 'node:path';

/**
 * The real public data sets (CDNOW, Telco, Online Retail, Bank Marketing, with provenance in their README):
 * ../shared/datasets beside the checkout, or SEGLAB_DATASETS. Tests read them there and never copy them.
 */
export const DATASETS = process.env.SEGLAB_DATASETS ?? join(__dirname, '..', '..', 'shared', 'datasets');
