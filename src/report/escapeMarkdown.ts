/**
 * Escape data-derived text for Markdown (CommonMark / GFM): `&`, `<`, `>` as entities, so no inline
 * HTML survives; `\` `|` `*` `_` `` ` `` `[` `]` with a backslash, so data cannot start emphasis, code,
 * links or end a table cell; line breaks become spaces, so a value stays in its table cell or list item.
 */
export function escapeMarkdown(text: unknown): string {
  return String(text ?? '')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([|*_`[\]])/g, '\\$1');
}
