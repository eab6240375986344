/** Longest part of one line of DuckDB's text that is kept: it echoes whole lines of the file. */
const MAX_LINE = 200;

/**
 * DuckDB's error text without the echoed SQL ("LINE 1: SELECT …" and the caret), without its
 * generic list of reader options and fixes, which name DuckDB parameters rather than seglab config
 * keys, and with echoed file lines cut short.
 */
export function duckErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const cut = [/\n\s*LINE \d+:/, /\nPossible fixes:/, /\nPossible Solution:/, /\nThe search space used was:/, /\n\s*file = /]
    .map((re) => text.search(re))
    .filter((i) => i >= 0);
  const short = cut.length ? text.slice(0, Math.min(...cut)) : text;
  return short
    .trim()
    .split(/\s*\n\s*/)
    .map((line) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line))
    .join(' ');
}
