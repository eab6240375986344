/**
 * DuckDB's error text without the echoed SQL ("LINE 1: SELECT …" and the caret) and without its
 * generic list of reader options, which name DuckDB parameters rather than seglab config keys.
 */
export function duckErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const cut = [/\n\s*LINE \d+:/, /\nPossible fixes:/, /\nThe search space used was:/]
    .map((re) => text.search(re))
    .filter((i) => i >= 0);
  const short = cut.length ? text.slice(0, Math.min(...cut)) : text;
  return short.trim().replace(/\s*\n\s*/g, ' ');
}
