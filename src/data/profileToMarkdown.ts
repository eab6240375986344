import { formatLocation } from '../core/errors';
import { type ColumnProfile, EXACT_DISTINCT_MAX_ROWS, type QualityProfile, type TableProfile } from './QualityProfile';

const int = (n: number) => n.toLocaleString('en-US');
const pct = (share: number) => `${(share * 100).toFixed(2)}%`;
/** Up to 4 significant decimals, thousands separators, no exponent for everyday magnitudes. */
const num = (n: number | null) =>
  n === null ? '–' : Math.abs(n) >= 1e15 || (n !== 0 && Math.abs(n) < 1e-4) ? n.toExponential(3) : n.toLocaleString('en-US', { maximumFractionDigits: 4 });
/** Markdown table cells cannot hold pipes or line breaks. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The profile as readable Markdown: one section per table, one row per column. */
export function profileToMarkdown(profile: QualityProfile): string {
  const out: string[] = ['# Data-quality profile', ''];
  out.push(profile.asOf ? `As of ${profile.asOf}.` : 'No asOf given: future dates are not checked.', '');
  if (profile.absent.length) out.push(`Not provided: ${profile.absent.join(', ')}.`, '');
  for (const t of profile.tables) out.push(...tableSection(t));
  if (profile.loadWarnings.length) {
    out.push('## Warnings from loading', '');
    for (const w of profile.loadWarnings) {
      const where = formatLocation(w.location);
      out.push(`- **${w.check}**${where ? ` (${cell(where)})` : ''}: ${w.message}${w.hint ? ` — fix: ${w.hint}` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}

function tableSection(t: TableProfile): string[] {
  const out: string[] = [`## ${t.table} — ${int(t.rows)} rows`, ''];
  out.push(`Source: \`${t.source.path}\` (${t.source.format}, sha256 ${t.source.sha256.slice(0, 12)}…), ${int(t.source.rawRows)} rows read.`);
  for (const e of t.source.excluded) {
    const why =
      e.reason === 'missing-customer-id'
        ? 'without a customer id'
        : e.reason === 'filter'
          ? 'by the filter'
          : e.reason === 'invalid-value'
            ? `with an invalid ${e.column} (onInvalid: drop)`
            : `without a usable ${e.column}`;
    out.push(`Left out ${why}: ${int(e.count)} rows (e.g. rows ${e.sampleRows.join(', ')}).`);
  }
  out.push('');
  out.push(`- Duplicate rows: ${int(t.duplicateRows.count)} (${pct(t.duplicateRows.share)})`);
  if (t.duplicateKeys) out.push(`- Customer ids occurring more than once: ${int(t.duplicateKeys.keys)} (${int(t.duplicateKeys.extraRows)} extra rows)`);
  if (t.dates) {
    out.push(
      `- Dates (${t.dates.column}): ${t.dates.min ?? '–'} to ${t.dates.max ?? '–'}${t.dates.future === null ? '' : `; after asOf: ${int(t.dates.future)}`}`,
    );
  }
  if (t.amounts) {
    const a = t.amounts;
    out.push(`- Amount total: ${num(a.total)}; negative amounts: ${int(a.negative.count)} rows (${num(a.negative.value)}); zero amounts: ${int(a.zero)} rows`);
    if (a.returns) out.push(`- Returns / cancellations (is_return): ${int(a.returns.count)} rows (${num(a.returns.value)})`);
  }
  const constant = t.columns.filter((c) => c.constant).map((c) => c.name);
  if (constant.length) out.push(`- Constant columns: ${constant.join(', ')}`);
  out.push('', '| column | role | type | missing | distinct | summary |', '|---|---|---|---:|---:|---|');
  for (const c of t.columns) {
    out.push(`| ${cell(c.name)} | ${c.role} | ${c.type} | ${int(c.missing)} (${pct(c.missingShare)}) | ${c.distinctApproximate ? '≈ ' : ''}${int(c.distinct)} | ${cell(summary(c))} |`);
  }
  if (t.columns.some((c) => c.distinctApproximate)) out.push('', `≈ distinct values estimated with HyperLogLog, as the table is large (above ${int(EXACT_DISTINCT_MAX_ROWS)} rows by default): off by up to about 20%.`);
  out.push('');
  const rows = rowsToCheck(t);
  if (rows.length) out.push('Rows to check (source rows, header excluded):', '', ...rows.map((r) => `- ${r}`), '');
  return out;
}

/** One line per problem with its count and its first rows. */
function rowsToCheck(t: TableProfile): string[] {
  const lines: string[] = [];
  const add = (what: string, count: number, rows: readonly number[] | undefined) => {
    if (count > 0 && rows?.length) lines.push(`${what}, ${rowList(count, rows)}`);
  };
  for (const c of t.columns) {
    add(`${c.name}: ${int(c.missing)} missing ${c.missing === 1 ? 'value' : 'values'}`, c.missing, c.missingRows);
    const o = c.numeric?.outliers;
    if (o) add(`${c.name}: ${int(o.count)} ${o.count === 1 ? 'outlier' : 'outliers'}`, o.count, o.sampleRows);
    const f = c.timestamp;
    if (f?.future) add(`${c.name}: ${int(f.future)} after asOf`, f.future, f.futureRows);
  }
  add(`${int(t.duplicateRows.count)} duplicate ${t.duplicateRows.count === 1 ? 'row' : 'rows'}`, t.duplicateRows.count, t.duplicateRows.sampleRows);
  const k = t.duplicateKeys;
  if (k) add(`${int(k.extraRows)} ${k.extraRows === 1 ? 'row repeats' : 'rows repeat'} a customer id (${int(k.keys)} ${k.keys === 1 ? 'id' : 'ids'})`, k.extraRows, k.sampleRows);
  const a = t.amounts;
  if (a) {
    add(`amount: ${int(a.negative.count)} negative`, a.negative.count, a.negative.sampleRows);
    add(`amount: ${int(a.zero)} zero`, a.zero, a.zeroRows);
  }
  return lines;
}

function rowList(count: number, rows: readonly number[]): string {
  const more = count > rows.length ? `, … (first ${rows.length})` : '';
  return `${count === 1 ? 'row' : 'rows'} ${rows.join(', ')}${more}`;
}

function summary(c: ColumnProfile): string {
  if (c.numeric) {
    const n = c.numeric;
    const o = n.outliers ? `; outliers ${int(n.outliers.count)} (${pct(n.outliers.share)})` : '';
    return `min ${num(n.min)}, p25 ${num(n.p25)}, median ${num(n.median)}, p75 ${num(n.p75)}, max ${num(n.max)}; mean ${num(n.mean)}, sd ${num(n.sd)}${o}`;
  }
  if (c.timestamp) {
    return `${c.timestamp.min ?? '–'} to ${c.timestamp.max ?? '–'}${c.timestamp.future === null ? '' : `; after asOf: ${int(c.timestamp.future)}`}`;
  }
  if (c.topValues) {
    return c.topValues
      .slice(0, 5)
      .map((v) => `${JSON.stringify(v.value.length > 30 ? `${v.value.slice(0, 29)}…` : v.value)} ${pct(v.share)}`)
      .join(', ');
  }
  return '';
}
