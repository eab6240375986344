/** Exhaustiveness guard for literal unions: a new member that is not handled becomes a compile error. */
export function assertUnreachable(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
