import { z } from 'zod';
import { jsonNumber } from '../core/jsonSchema';
import type { Matrix } from '../core/Matrix';

export const SEGMENT_DRIVERS_SCHEMA_VERSION = 1;

/**
 * What the review's "drivers per segment" need of the per-customer explanations, kept in the run folder
 * (model-segments.json) so `seglab report` shows them again: per segment, how many of its customers were
 * explained (the models stage: a seeded sample of up to 50 of them) and their mean contribution per model
 * input. Aggregates only.
 */
export interface SegmentDrivers {
  schemaVersion: typeof SEGMENT_DRIVERS_SCHEMA_VERSION;
  /** The model's inputs, in the order of meanContribution (the card's inputs). */
  inputs: string[];
  /** null when the model has no per-customer attribution (the MLP). */
  segments: { id: number; explained: number; meanContribution: number[] }[] | null;
}

export const segmentDriversSchema: z.ZodType<SegmentDrivers, z.ZodTypeDef, unknown> = z
  .object({
    schemaVersion: z.literal(SEGMENT_DRIVERS_SCHEMA_VERSION),
    inputs: z.array(z.string()),
    segments: z.array(z.object({ id: z.number().int().min(0), explained: z.number().int().min(1), meanContribution: z.array(jsonNumber) })).nullable(),
  })
  .superRefine((v, ctx) => {
    v.segments?.forEach((s, i) => {
      if (s.meanContribution.length !== v.inputs.length) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['segments', i, 'meanContribution'], message: `expected ${v.inputs.length} values (one per input), got ${s.meanContribution.length}` });
    });
  });

/**
 * Per segment (by `segmentOf`, noise and unknown customers left out) the mean contribution per input of the
 * explained customers: rows of `contributions` are the customers `explained` indexes in `ids`.
 */
export function segmentDrivers(
  inputs: readonly string[],
  ids: readonly string[],
  explained: Int32Array,
  contributions: Matrix | null,
  segmentOf: ReadonlyMap<string, number>,
): SegmentDrivers {
  if (!contributions) return { schemaVersion: SEGMENT_DRIVERS_SCHEMA_VERSION, inputs: [...inputs], segments: null };
  const cols = inputs.length;
  const bySegment = new Map<number, { n: number; sum: Float64Array }>();
  explained.forEach((row, k) => {
    const seg = segmentOf.get(ids[row]!);
    if (seg === undefined || seg < 0) return;
    let s = bySegment.get(seg);
    if (!s) bySegment.set(seg, (s = { n: 0, sum: new Float64Array(cols) }));
    s.n++;
    for (let j = 0; j < cols; j++) s.sum[j]! += contributions.data[k * cols + j]!;
  });
  return {
    schemaVersion: SEGMENT_DRIVERS_SCHEMA_VERSION,
    inputs: [...inputs],
    segments: [...bySegment.entries()].sort((a, b) => a[0] - b[0]).map(([id, s]) => ({ id, explained: s.n, meanContribution: Array.from(s.sum, (v) => v / s.n) })),
  };
}
