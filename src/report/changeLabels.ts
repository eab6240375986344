import type { SizeChange } from '../personas/PersonaResult';
import type { CommonTexts } from './commonTexts';

/**
 * A change row's segment numbers: one number when both runs use it, "before → now" otherwise ("–" on the
 * side where the segment does not exist), so a reader never takes two segments for one.
 */
export function changeIds(c: SizeChange): string {
  if (c.currentId !== null && c.currentId === c.previousId) return String(c.currentId);
  return `${c.previousId ?? '–'} → ${c.currentId ?? '–'}`;
}

/** A change row's name as text: this run's name (the previous one when gone), or the segment's number. */
export function changeName(c: SizeChange, t: CommonTexts): string {
  if (c.name !== null) return c.name;
  return c.currentId !== null ? t.segmentFallbackName(c.currentId) : t.previousSegmentName(c.previousId!);
}
