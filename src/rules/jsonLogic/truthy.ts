/**
 * JSON Logic truthiness (jsonlogic.com/truthy): JavaScript's, except that an empty array is falsy.
 * So 0, "", null, undefined, NaN, false and [] are falsy; "0" and every non-empty array are truthy.
 */
export function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length !== 0 : !!value;
}
