/**
 * Identifiers that look like a shop's: customers numbered "C000123", orders and sessions as
 * 8 hex digits scrambled from a running counter — unique (the scramble is a bijection on 32 bits)
 * without revealing order counts or which customer placed them.
 */

/** Bijective mix of a 32-bit counter (xor with a seed-derived key, then an invertible hash). */
export function scramble32(x: number, key: number): number {
  let h = (x ^ key) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX = '0123456789ABCDEF';

export function hex8(x: number): string {
  let s = '';
  for (let shift = 28; shift >= 0; shift -= 4) s += HEX[(x >>> shift) & 15];
  return s;
}

/** Width of the number in customer ids: at least six digits, more for very large sets. */
export function customerIdWidth(customers: number): number {
  return Math.max(6, String(customers).length);
}

export function customerId(index: number, width: number): string {
  return 'C' + String(index + 1).padStart(width, '0');
}
