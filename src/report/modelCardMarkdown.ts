import type { ModelCard } from '../models/ModelCard';
import { escapeMarkdown } from './escapeMarkdown';
import { markdownTable } from './markdownTable';

const m = escapeMarkdown;
const f3 = (v: number) => v.toFixed(3);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The model card as Markdown: what was predicted, from which data, how well (with intervals), and why. */
export function modelCardMarkdown(card: ModelCard): string {
  const ci = (c: { estimate: number; low: number; high: number }) => `${f3(c.estimate)} (95% interval ${f3(c.low)}–${f3(c.high)})`;
  const lines = [
    `# Model card — ${m(card.family)} (as of ${m(card.asOf)})`,
    '',
    '## Label',
    '',
    `- What 1 means: ${m(card.label.definition)}`,
    `- Population: ${m(card.label.population)}`,
    `- Snapshots: ${m(card.label.snapshots)}`,
    '',
    markdownTable(['Snapshot', 'As of', 'Window ends', 'Rows', 'Positives'], card.snapshots.map((s) => [String(s.index), m(s.asOf), m(s.windowEnd ?? '–'), String(s.rows), String(s.positives)]), [true, false, false, true, true]),
    '',
    `Training rows ${card.trainingRows}, positives ${card.positives} (${pct(card.positives / Math.max(1, card.trainingRows))}). Inputs: ${card.inputs.map((c) => m(c.name)).join(', ')}.`,
    card.excluded.length ? `Left out: ${card.excluded.map((e) => `${m(e.column)} (${m(e.reason)})`).join('; ')}.` : '',
    '',
    '## Validation and choice',
    '',
    `${card.validation.scheme === 'out-of-time' ? 'Out of time: trained on the earlier snapshots, tested on the latest' : `Stratified ${card.validation.folds}-fold cross-validation (out-of-fold scores)`}; ${card.validation.testRows} test rows, ${card.validation.testPositives} positive. Family ${card.chosenBy === 'auto' ? 'chosen automatically by held-out ROC AUC' : 'set in the config'}.`,
    '',
    markdownTable(['Family', 'Held-out ROC AUC', 'Seconds'], card.candidates.map((c) => [m(c.family), f3(c.rocAuc), c.fitSeconds.toFixed(1)]), [false, true, true]),
    '',
    ...searchLines(card),
    '## Metrics (held-out rows)',
    '',
    `- ROC AUC ${ci(card.metrics.rocAuc)}`,
    `- Average precision ${ci(card.metrics.averagePrecision)} (base rate ${pct(card.baseRate)})`,
    `- Log loss ${ci(card.metrics.logLoss)}; Brier ${ci(card.metrics.brier)}`,
    `- Expected calibration error ${f3(card.metrics.expectedCalibrationError)}`,
    ...calibrationLines(card),
    card.budget.contacted > 0
      ? `- Contact the top ${pct(card.budget.share)} (threshold ${f3(card.budget.threshold)}, ${card.budget.contacted} test rows): precision ${pct(card.budget.precision)}, recall ${pct(card.budget.recall)}`
      : `- Contact the top ${pct(card.budget.share)}: no threshold fits, more rows share the top score than the budget allows`,
    '',
    markdownTable(['Decile', 'Rows', 'Positives', 'Rate', 'Lift', 'Cumulative gain'], card.lift.map((r) => [String(r.decile), r.rows.toFixed(0), r.positives.toFixed(1), pct(r.rate), r.lift.toFixed(2), pct(r.cumulativeGain)]), [true, true, true, true, true, true]),
    '',
    '## Drivers (permutation importance: drop in ROC AUC when shuffled)',
    '',
    markdownTable(['Input', 'Importance', 'sd'], card.drivers.slice(0, 15).map((d) => [m(d.feature), d.importance.toFixed(4), d.sd.toFixed(4)]), [false, true, true]),
    '',
    ...(card.coefficients
      ? ['## Coefficients (input scale)', '', markdownTable(['Term', 'Coefficient', 'Odds ratio', 'Std. error', 'p'], card.coefficients.map((c) => [m(c.feature), c.coef.toPrecision(4), c.oddsRatio.toPrecision(4), c.standardError === null ? '–' : c.standardError.toPrecision(3), c.pValue === null ? '–' : c.pValue.toPrecision(2)]), [false, true, true, true, true]), '']
      : []),
    `Per-customer reasons: ${m(card.explanations)}.`,
    '',
    `Scored ${card.scored.customers} customers; mean score ${f3(card.scored.meanScore)}.`,
    ...(card.notes.length ? ['', '## Notes', '', ...card.notes.map((n) => `- ${m(n)}`)] : []),
    '',
  ];
  return lines.join('\n');
}

/** The calibrator and what it changed on the held-out rows (the metrics above are of the calibrated probabilities). */
function calibrationLines(card: ModelCard): string[] {
  const c = card.calibrator;
  if (c.method === 'none' || !c.uncalibrated) return ['- Probabilities not calibrated (models.calibration: none)'];
  const u = c.uncalibrated;
  return [
    `- Calibrated with ${c.method === 'platt' ? 'Platt scaling' : 'isotonic regression'}, fitted on ${m(c.fittedOn)}; before calibration: log loss ${f3(u.logLoss)}, Brier ${f3(u.brier)}, expected calibration error ${f3(u.expectedCalibrationError)}`,
  ];
}

/** The hyperparameter search: per family every candidate with its inner ROC AUC, and the params chosen. */
function searchLines(card: ModelCard): string[] {
  const s = card.search;
  if (!s) return [];
  const params = (p: Record<string, unknown>) => Object.entries(p).map(([k, v]) => `${m(k)} ${m(typeof v === 'number' ? Number(v.toPrecision(4)).toString() : String(v))}`).join(', ');
  return [
    `### Hyperparameter search (${s.budget} candidate(s) per family, ${s.folds} folds, ${m(s.rows)})`,
    '',
    ...s.families.flatMap((fam) => [
      `${m(fam.family)}: chose ${params(fam.chosen)}.`,
      '',
      markdownTable(['Candidate', 'Params', 'Inner ROC AUC', 'sd'], fam.candidates.map((c, i) => [String(i + 1), params(c.params), f3(c.rocAuc), f3(c.sd)]), [true, false, true, true]),
      '',
    ]),
  ];
}
