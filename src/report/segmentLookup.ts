import type { PersonaResult, SegmentPersona } from '../personas/PersonaResult';
import { SEGLAB_COLORS } from '../viz/Figure';
import type { CommonTexts } from './commonTexts';

/**
 * Which segments the report may show, their display names and colours. Suppressed segments are
 * known by id only: every renderer asks `isShown` before printing a number about a segment id.
 */
export interface SegmentLookup {
  /** Shown segments in id order. */
  shown: SegmentPersona[];
  /** Ids of suppressed segments (below minGroupSize, or hidden so that a small one cannot be derived). */
  suppressedIds: number[];
  /** Why a suppressed segment is hidden. */
  whySuppressed(id: number): 'small' | 'complementary';
  isShown(id: number): boolean;
  /** The persona name, or "Segment N" for an id without one. */
  name(id: number): string;
  /** One colour per shown segment, the same in every figure and card. */
  color(id: number): string;
}

export function segmentLookup(personas: PersonaResult, strings: CommonTexts): SegmentLookup {
  const shown = personas.segments.filter((s): s is SegmentPersona => !s.suppressed).sort((a, b) => a.id - b.id);
  const suppressedIds = personas.segments.filter((s) => s.suppressed).map((s) => s.id).sort((a, b) => a - b);
  const byId = new Map(shown.map((s, i) => [s.id, { persona: s, color: SEGLAB_COLORS[i % SEGLAB_COLORS.length]! }]));
  const why = new Map(personas.segments.filter((s) => s.suppressed).map((s) => [s.id, s.suppressed ? (s.why ?? 'small') : 'small']));
  return {
    shown,
    suppressedIds,
    whySuppressed: (id) => why.get(id) ?? 'small',
    isShown: (id) => byId.has(id),
    name: (id) => byId.get(id)?.persona.name ?? strings.segmentFallbackName(id),
    color: (id) => byId.get(id)?.color ?? '#bbbbbb',
  };
}
