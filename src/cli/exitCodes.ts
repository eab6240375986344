/** Exit codes: 0 ok, 1 failure, 2 bad input or usage. */
export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;
