import { UsageError } from '../core/errors';
import { SEGMENTS, type Segment } from './segments';

const DECIMAL = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The text form of SynthParams.segmentMix, as the CLI takes it: "lapsed=0.3,promo_hunter=0.25".
 * Checks the syntax, the names and the numbers, naming `option` (e.g. "--mix") in every error;
 * the sum is checked by resolveSynthParams.
 */
export function parseSegmentMix(text: string, option = 'segmentMix'): Partial<Record<Segment, number>> {
  const example = `e.g. ${option} lapsed=0.3,promo_hunter=0.25`;
  const mix: Partial<Record<Segment, number>> = {};
  const items = text.split(',');
  items.forEach((item, i) => {
    const where = items.length > 1 ? ` (item ${i + 1} of ${items.length})` : '';
    const eq = item.indexOf('=');
    if (eq < 0) throw new UsageError(`Invalid ${option}: "${item}"${where} is not segment=share; ${example}.`);
    const name = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (!(SEGMENTS as readonly string[]).includes(name)) {
      throw new UsageError(`Invalid ${option}: unknown segment "${name}"${where}; expected one of ${SEGMENTS.join(', ')}.`);
    }
    const segment = name as Segment;
    if (mix[segment] !== undefined) throw new UsageError(`Invalid ${option}: segment "${name}" given twice${where}; give each segment once.`);
    const share = DECIMAL.test(value) ? Number(value) : NaN;
    if (!(share >= 0 && share <= 1)) {
      throw new UsageError(`Invalid ${option}: share of ${name} is "${value}"${where}; expected a number from 0 to 1 (e.g. 0.3 for 30%).`);
    }
    mix[segment] = share;
  });
  return mix;
}
