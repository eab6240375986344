/**
 * Escape data-derived text for Markdown (CommonMark / GFM) while keeping it readable as plain text:
 * `<` as an entity, so no inline HTML or autolink survives; `&` only where it would start an entity;
 * `>` only where it would start a block quote (first character); `\` `|` `*` `_` `` ` `` `[` `]` with a
 * backslash, so data cannot start emphasis, code, links or end a table cell; a leading `#`, `+`, `-`, `=`
 * or "1." with a backslash, so a value cannot become a heading or a list; line breaks become spaces, so a
 * value stays in its table cell or list item. "gap(k) >= 0.5" stays as it is.
 */
export function escapeMarkdown(text: unknown): string {
  return String(text ?? '')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/&(?=#|[A-Za-z][A-Za-z0-9]*;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/([|*_`[\]])/g, '\\$1')
    .replace(/^(\s*)([>#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}
