import { createHash } from 'node:crypto';
import type { RuleBundle } from './RuleBundle';

/** JSON with object keys sorted at every level: the same bundle always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of the bundle's canonical JSON without its checksum field. */
export function bundleChecksum(bundle: Omit<RuleBundle, 'checksum'> & { checksum?: string }): string {
  const { checksum: _ignored, ...rest } = bundle;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
