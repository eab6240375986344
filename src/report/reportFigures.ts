import type { SegmentPersona } from '../personas/PersonaResult';
import type { Figure } from '../viz/Figure';
import { rfmGridFigure } from '../viz/rfmGridFigure';
import { scatterByGroup } from '../viz/scatterByGroup';
import { selectionCurveFigure } from '../viz/selectionCurveFigure';
import { segmentSizesFigure } from '../viz/segmentSizesFigure';
import { sizeComparisonFigure } from '../viz/sizeComparisonFigure';
import { stabilityFigure } from '../viz/stabilityFigure';
import { traitBarFigure } from '../viz/traitBarFigure';
import { traitHeatmapFigure } from '../viz/traitHeatmapFigure';
import { changeName } from './changeLabels';
import { reportStrings, type ReportStrings } from './i18n';
import type { ReportData, SelectionCurves } from './ReportData';
import { reportFormatter } from './reportFormatter';
import type { ReportSection } from './ReportSection';
import { segmentLookup, type SegmentLookup } from './segmentLookup';

export interface ReportFigure {
  /** Element id in the HTML report; stable, so tests and readers can link to a chart. */
  id: string;
  section: ReportSection;
  figure: Figure;
}

/** Traits per persona bar chart and features in the heatmap: enough to tell segments apart, few enough to read. */
const TRAITS_PER_PERSONA = 8;
const HEATMAP_FEATURES = 12;

/** Element id of a persona's trait chart (the HTML puts it inside the persona's card). */
export function personaFigureId(segmentId: number): string {
  return `fig-persona-${segmentId}`;
}

/**
 * Every chart of the review, built from the report data with the locale's words. Suppressed segments
 * never reach a figure: points, bars and hover names are taken from shown segments only.
 */
export function reportFigures(data: ReportData): ReportFigure[] {
  const t = reportStrings(data.locale);
  const seg = segmentLookup(data.personas, t);
  const out: ReportFigure[] = [];
  const add = (id: string, section: ReportSection, figure: Figure | null) => {
    if (!figure) return;
    // Plotly formats numbers with these decimal and thousands separators.
    figure.layout.separators = data.locale === 'fr' ? ', ' : '.,';
    out.push({ id, section, figure });
  };

  if (seg.shown.length) {
    add(
      'fig-sizes',
      'sizes',
      segmentSizesFigure(
        seg.shown.map((s) => ({ name: s.name, share: s.share, size: s.size })),
        { title: t.sizesFigure, customersLabel: t.rfmCustomers, colors: seg.shown.map((s) => seg.color(s.id)) },
      ),
    );
  }
  for (const s of seg.shown) add(personaFigureId(s.id), 'personas', personaTraitFigure(s, t));
  add('fig-traits', 'traits', traitsFigure(seg, t));
  add('fig-rfm', 'rfm', rfmFigure(data, seg, t));
  add('fig-projection', 'projection', projectionFigure(data, seg, t));
  for (const f of selectionFigures(data.clustering.selection, t)) add(f.id, 'model', f.figure);
  add('fig-stability', 'model', stabilityChart(data, seg, t));
  add('fig-changes', 'changes', changesFigure(data, seg, t));
  return out;
}

function personaTraitFigure(s: SegmentPersona, t: ReportStrings): Figure | null {
  const traits = s.traits.numeric.slice(0, TRAITS_PER_PERSONA);
  if (!traits.length) return null;
  return traitBarFigure(traits, { title: t.traitBarFigure, xTitle: t.stdDiffAxis });
}

function traitsFigure(seg: SegmentLookup, t: ReportStrings): Figure | null {
  // Columns: the features on which some segment differs most, strongest first.
  const strongest = new Map<string, { label: string; max: number }>();
  for (const s of seg.shown) {
    for (const tr of s.traits.numeric) {
      const prev = strongest.get(tr.feature);
      const a = Math.abs(tr.stdDiff);
      if (!prev) strongest.set(tr.feature, { label: tr.label, max: a });
      else if (a > prev.max) prev.max = a;
    }
  }
  const features = [...strongest.entries()].sort((a, b) => b[1].max - a[1].max).slice(0, HEATMAP_FEATURES);
  if (!features.length || !seg.shown.length) return null;
  const z = seg.shown.map((s) => features.map(([f]) => s.traits.numeric.find((tr) => tr.feature === f)?.stdDiff ?? null));
  return traitHeatmapFigure(
    seg.shown.map((s) => s.name),
    features.map(([, v]) => v.label),
    z,
    { title: t.traitsFigure, colorbarTitle: t.traitsColorbar },
  );
}

function rfmFigure(data: ReportData, seg: SegmentLookup, t: ReportStrings): Figure | null {
  const grid = data.personas.rfm;
  if (!grid) return null;
  return rfmGridFigure(
    {
      rScores: grid.rScores,
      fScores: grid.fScores,
      counts: grid.counts,
      dominantNames: grid.dominantSegment.map((row) => row.map((id) => (id !== null && seg.isShown(id) ? seg.name(id) : null))),
    },
    { title: t.rfmFigure, xTitle: t.rfmX, yTitle: t.rfmY, customersLabel: t.rfmCustomers, dominantLabel: t.rfmDominant, suppressedLabel: t.rfmSuppressed },
  );
}

function projectionFigure(data: ReportData, seg: SegmentLookup, t: ReportStrings): Figure | null {
  const p = data.projection;
  if (!p || !p.x.length) return null;
  const fmt = reportFormatter(data.locale, null);
  const keep: number[] = [];
  for (let i = 0; i < p.x.length; i++) if (seg.isShown(p.segment[i]!)) keep.push(i);
  if (!keep.length) return null;
  return scatterByGroup(
    keep.map((i) => p.x[i]!),
    keep.map((i) => p.y[i]!),
    keep.map((i) => p.segment[i]!),
    {
      title: t.projectionFigure,
      xTitle: t.projectionAxis(1, fmt.percent(p.explained[0], 0)),
      yTitle: t.projectionAxis(2, fmt.percent(p.explained[1], 0)),
      groupName: (g) => seg.name(g),
      groupColor: (g) => seg.color(g),
      maxPoints: 5000,
    },
  );
}

function selectionFigures(sel: SelectionCurves | null, t: ReportStrings): { id: string; figure: Figure }[] {
  if (!sel || !sel.ks.length) return [];
  const curves: { id: string; title: string; values: (number | null)[]; errors?: (number | null)[] }[] = [
    { id: 'fig-selection-silhouette', title: t.silhouetteFigure, values: sel.metrics.silhouette },
    { id: 'fig-selection-ch', title: t.chFigure, values: sel.metrics.calinskiHarabasz },
    { id: 'fig-selection-db', title: t.dbFigure, values: sel.metrics.daviesBouldin },
    { id: 'fig-selection-gap', title: t.gapFigure, values: sel.metrics.gap, errors: sel.metrics.gapS },
    { id: 'fig-selection-bic', title: t.bicFigure, values: sel.metrics.bic },
  ];
  return curves
    .filter((c) => c.values.some((v) => v !== null))
    .map((c) => ({
      id: c.id,
      figure: selectionCurveFigure(sel.ks, c.values, {
        title: c.title,
        xTitle: t.kAxis,
        recommendedK: sel.recommendedK,
        recommendedLabel: t.recommendedMark,
        eligible: sel.eligible,
        errors: c.errors,
      }),
    }));
}

function stabilityChart(data: ReportData, seg: SegmentLookup, t: ReportStrings): Figure | null {
  const st = data.clustering.stability;
  if (!st) return null;
  const rows = st.segments.filter((s) => seg.isShown(s.id));
  if (!rows.length) return null;
  const fmt = reportFormatter(data.locale, null);
  return stabilityFigure(
    rows.map((s) => ({ name: seg.name(s.id), meanJaccard: s.meanJaccard })),
    {
      title: t.stabilityFigure,
      xTitle: t.stabilityAxis,
      thresholds: [
        { value: 0.6, label: t.thresholdPattern(fmt.number(0.6, 2)) },
        { value: 0.75, label: t.thresholdStable(fmt.number(0.75, 2)) },
      ],
    },
  );
}

function changesFigure(data: ReportData, seg: SegmentLookup, t: ReportStrings): Figure | null {
  const ch = data.changes;
  if (!ch) return null;
  const suppressed = new Set(seg.suppressedIds);
  const rows = ch.segments.filter((c) => !(c.currentId !== null && suppressed.has(c.currentId)));
  if (!rows.length) return null;
  return sizeComparisonFigure(
    rows.map((c) => ({ name: c.currentId !== null && seg.isShown(c.currentId) ? seg.name(c.currentId) : changeName(c, t), previousShare: c.previousShare, currentShare: c.currentShare })),
    { title: t.changesFigure, previousName: t.previousRun, currentName: t.currentRun, yTitle: t.shareHeader },
  );
}
