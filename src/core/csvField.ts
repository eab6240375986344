/** A CSV field: quoted (quotes doubled) only when it holds a comma, a quote or a newline. */
export function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
