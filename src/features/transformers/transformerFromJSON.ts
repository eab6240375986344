import { savedJsonError } from '../../core/errors';
import { TRANSFORMERS, type FittedTransformer } from './transformers';

export type { FittedTransformer };

/** Restore any saved transformer by its `kind` (e.g. a pipeline's list of steps): a lookup in TRANSFORMERS. */
export function transformerFromJSON(json: unknown): FittedTransformer {
  const value = typeof json === 'string' ? safeParse(json) : json;
  const kind = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  if (!TRANSFORMERS.has(kind)) throw savedJsonError('transformer', `kind is ${JSON.stringify(kind)}, expected one of ${TRANSFORMERS.names.join(', ')}`);
  return TRANSFORMERS.lookup(kind).fromJSON(value) as FittedTransformer;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw savedJsonError('transformer', `${(err as Error).message}`);
  }
}
