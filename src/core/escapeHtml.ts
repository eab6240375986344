/** Escape text for HTML element content and quoted attribute values. Every data-derived string goes through this. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON for embedding inside a <script> element: `</script>` and `<!--` in data cannot end or hide the script. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** JavaScript source for an inline <script> element: a `</script` inside it cannot end the element. */
export function scriptSource(source: string): string {
  return source.replace(/<\/script/gi, '<\\/script');
}
