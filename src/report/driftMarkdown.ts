import type { DriftReport } from '../drift/DriftResult';
import { escapeMarkdown } from './escapeMarkdown';
import { markdownTable } from './markdownTable';
import { suppressSmallCells } from './suppressSmallCells';

const pct = (v: number, digits = 1): string => (Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : '—');
const signedPct = (v: number): string => (Number.isFinite(v) ? `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%` : '—');
const num = (v: number | null, digits = 3): string => (v === null || !Number.isFinite(v) ? '—' : Number(v.toPrecision(digits)).toString());
const int = (v: number): string => v.toLocaleString('en-US');
const FIGURES: Record<DriftReport['alerts'][number]['figure'], string> = { size: 'Customers', 'revenue-share': 'Revenue share', aov: 'Average order value', 'churn-risk': 'Churn risk', clv: 'Customer lifetime value' };

/**
 * drift.md: a DriftReport as plain Markdown tables (what `seglab drift` prints and the drift stage writes). The
 * review's "What changed" section renders the same result with charts; this file only formats it.
 */
export function driftMarkdown(r: DriftReport): string {
  const seg = (id: number | null, name: string | null): string => (id === null ? 'All customers' : `${id}${name ? ` ${escapeMarkdown(name)}` : ''}`);
  // Small groups are not published (GDPR): a segment or a migration cell of fewer than minGroupSize customers is blank.
  const min = r.minGroupSize ?? 0;
  const small = (customers: number): boolean => customers > 0 && customers < min;
  const hiddenRef = new Set((r.sizeShift?.segments ?? []).filter((x) => x.referenceId !== null && small(x.referenceCustomers)).map((x) => x.referenceId!));
  const hiddenCur = new Set((r.sizeShift?.segments ?? []).filter((x) => x.currentId !== null && small(x.currentCustomers)).map((x) => x.currentId!));
  const out: string[] = [];
  out.push(`# What changed: ${escapeMarkdown(r.referenceRunId)} → ${escapeMarkdown(r.currentRunId)}`, '');
  out.push(`Reference asOf ${r.referenceAsOf ?? 'unknown'}, current asOf ${r.currentAsOf ?? 'unknown'}.${min > 1 ? ` Groups of fewer than ${int(min)} customers are not shown (—).` : ''}`, '');

  out.push('## Alerts', '');
  if (!r.alerts.length) out.push(`No key figure moved by more than ${pct(r.alertThreshold, 0)}.`, '');
  else {
    out.push(`Key figures that moved by more than ${pct(r.alertThreshold, 0)}:`, '');
    const shown = r.alerts.filter((a) => a.segmentId === null || !hiddenCur.has(a.segmentId));
    out.push(markdownTable(['Segment', 'Figure', 'Then', 'Now', 'Change'], shown.map((a) => [seg(a.segmentId, a.segmentName), FIGURES[a.figure], num(a.reference, 4), num(a.current, 4), signedPct(a.relativeChange)]), [false, false, true, true, true]), '');
  }

  if (r.sizeShift) {
    const s = r.sizeShift;
    out.push('## Segment sizes', '');
    out.push(`Chi-square goodness of fit of this quarter's sizes against last quarter's shares: χ² = ${num(s.chiSquare, 4)}, ${s.degreesOfFreedom} degrees of freedom, p = ${num(s.pValue, 3)}.`, '');
    out.push(
      markdownTable(
        ['Segment (now ← then)', 'Then', 'Now', 'Share then', 'Share now', 'Change', `${Math.round((s.segments[0]?.shareChangeInterval.level ?? 0.95) * 100)}% interval`],
        s.segments.map((x) => {
          const then = small(x.referenceCustomers), now = small(x.currentCustomers);
          return [
            `${x.currentId ?? 'gone'} ← ${x.referenceId ?? 'new'}${x.name && !then && !now ? ` ${escapeMarkdown(x.name)}` : ''}`,
            then ? '—' : int(x.referenceCustomers),
            now ? '—' : int(x.currentCustomers),
            then ? '—' : pct(x.referenceShare),
            now ? '—' : pct(x.currentShare),
            then || now ? '—' : `${x.shareChange > 0 ? '+' : ''}${(x.shareChange * 100).toFixed(1)} pts`,
            then || now ? '—' : `${(x.shareChangeInterval.low * 100).toFixed(1)} to ${(x.shareChangeInterval.high * 100).toFixed(1)} pts`,
          ];
        }),
        [false, true, true, true, true, true, true],
      ),
      '',
    );
    for (const n of s.notes ?? []) out.push(`- ${escapeMarkdown(n)}`);
    if (s.notes?.length) out.push('');
  }

  if (r.migration) {
    const m = r.migration;
    out.push('## Migration', '');
    out.push(`${int(m.stayed)} customers stayed in their segment, ${int(m.moved)} moved to another, ${int(m.newCustomers.reduce((a, b) => a + b, 0))} are new, ${int(m.lostCustomers.reduce((a, b) => a + b, 0))} were lost, ${int(m.cameBack.reduce((a, b) => a + b, 0))} came back (in no segment last time). ${int(m.totalReference)} customers then, ${int(m.totalCurrent)} now.`, '');
    // Names from the size table: a reference id and a current id may be the same number for different segments.
    const refName = new Map((r.sizeShift?.segments ?? []).filter((x) => x.referenceId !== null && x.name).map((x) => [x.referenceId!, x.name!]));
    const curName = new Map((r.sizeShift?.segments ?? []).filter((x) => x.currentId !== null && x.name).map((x) => [x.currentId!, x.name!]));
    const named = (id: number, names: Map<number, string>): string => `${id}${names.has(id) ? ` ${escapeMarkdown(names.get(id)!)}` : ''}`;
    for (const f of m.biggestFlows.filter((x) => !small(x.customers) && !hiddenRef.has(x.fromId) && !hiddenCur.has(x.toId))) out.push(`- ${int(f.customers)} customers from ${named(f.fromId, refName)} (then) to ${named(f.toId, curName)} (now): ${pct(f.shareOfFrom)} of ${f.fromId}.`);
    if (m.biggestFlows.length) out.push('');
    const label = (id: number): string => (id < 0 ? 'none' : String(id));
    // The matrix with its lost column and new row, blanked as the review blanks it (small cells, and one more where a line's only blank could be recovered).
    const full = [...m.referenceIds.map((_, i) => [...m.counts[i]!, m.lostCustomers[i]!]), [...m.newCustomers, 0]];
    const cells = min > 1 ? suppressSmallCells(full, min, (i, j) => (i < m.referenceIds.length && hiddenRef.has(m.referenceIds[i]!)) || (j < m.currentIds.length && hiddenCur.has(m.currentIds[j]!))) : full;
    const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : int(v));
    out.push(
      markdownTable(
        ['then \\ now', ...m.currentIds.map(label), 'lost'],
        [...m.referenceIds.map((id, i) => [label(id), ...cells[i]!.map(cell)]), ['new', ...cells[m.referenceIds.length]!.slice(0, -1).map(cell), '']],
        [false, ...m.currentIds.map(() => true), true],
      ),
      '',
    );
  }

  const features = r.features.features;
  out.push('## Features', '');
  out.push(`${r.features.driftedColumns} of ${features.length} columns drifted (${pct(r.features.driftedShare)}); data-set drift at ${pct(r.features.datasetDriftShare, 0)}: ${r.features.datasetDrift ? 'yes' : 'no'}.`, '');
  if (features.length) {
    out.push(
      markdownTable(
        ['Column', 'Test', 'Statistic', 'p-value', 'Threshold', 'Effect size', 'Drifted'],
        [...features].sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.effectSize - a.effectSize).map((f) => [escapeMarkdown(f.column), f.test, num(f.statistic), f.pValue === null ? '—' : num(f.pValue), num(f.threshold), num(f.effectSize), f.drifted ? 'yes' : 'no']),
        [false, false, true, true, true, true, false],
      ),
      '',
    );
  }

  if (r.segments.length) {
    out.push('## Inside each segment', '');
    out.push(markdownTable(['Segment (now ← then)', 'Centre moved (spreads)', 'Drifted features'], r.segments.filter((s) => !hiddenCur.has(s.currentId) && !hiddenRef.has(s.referenceId)).map((s) => [`${s.currentId} ← ${s.referenceId}${s.name ? ` ${escapeMarkdown(s.name)}` : ''}`, Number.isFinite(s.centreDistance) ? s.centreDistance.toFixed(2) : '—', s.features.features.filter((f) => f.drifted).map((f) => escapeMarkdown(f.column)).join(', ') || 'none']), [false, true, false]), '');
  }

  out.push('## Rules', '');
  if (r.rules) {
    const x = r.rules;
    out.push(`Bundle ${escapeMarkdown(x.bundleVersion)} on this quarter's customers: a rule assigns ${pct(x.coverage)}, the fallback ${pct(x.fallbackShare)}; ${pct(x.agreement)} agree with this quarter's segments (validated with ${x.validatedFidelity === null ? 'no fidelity' : pct(x.validatedFidelity)}, gate ${pct(x.fidelityGate, 0)}). ${x.needsRevalidation ? '**Re-validate the bundle**: its agreement fell below the gate.' : 'No re-validation needed.'}`, '');
  } else out.push('No rule bundle compared.', '');

  if (r.scores.length) {
    out.push('## Scores', '');
    out.push(markdownTable(['Score', 'PSI', 'Threshold', 'Drifted'], r.scores.map((s) => [escapeMarkdown(s.column), num(s.psi), num(s.threshold), s.drifted ? 'yes' : 'no']), [false, true, true, false]), '');
  }
  if (r.notes?.length) {
    out.push('## Notes', '');
    for (const n of r.notes) out.push(`- ${escapeMarkdown(n)}`);
    out.push('');
  }
  return out.join('\n');
}
