/** The document without plotly.js's own source (its licence comments hold URLs; ours must hold none). */
export function outsidePlotly(html: string): string {
  const start = html.indexOf('<script id="seglab-plotly">');
  if (start < 0) return html;
  const end = html.indexOf('</script>', start);
  return html.slice(0, start) + html.slice(end);
}

/** Intl writes narrow / ordinary no-break spaces (e.g. "12,5 %" in French): compare with plain spaces. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/** The figure specs embedded in a report, parsed. */
export function embeddedSpecs(html: string): { id: string; spec: { data: unknown[]; layout: Record<string, unknown> } }[] {
  return [...html.matchAll(/<script type="application\/json" id="([^"]+)-spec">([\s\S]*?)<\/script>/g)].map((m) => ({ id: m[1]!, spec: JSON.parse(m[2]!) }));
}

/** Every string inside a JSON value. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allStrings(v, out);
  return out;
}
