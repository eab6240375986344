import { z } from 'zod';
import { InputError } from '../core/errors';
import { LOCALES } from '../core/Locale';
import { segmentNamesSchema } from './bundleSchema';
import type { SegmentNames } from './RuleBundle';

const condition = z.union([z.boolean(), z.record(z.string(), z.unknown())]);

/** `name` (one name for every language) or `names: { en, fr }`; either way the result has `names`. */
const named = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...shape, name: z.string().min(1).max(120).optional(), names: segmentNamesSchema.optional() })
    .strict()
    .refine((s) => (s.name === undefined) !== (s.names === undefined), { message: 'give either name (the same in every language) or names: { en, fr }' })
    .transform(({ name, names, ...rest }) => ({ ...rest, names: (names ?? Object.fromEntries(LOCALES.map((l) => [l, name!]))) as SegmentNames }));

/**
 * Hand-written rules (JSON or YAML): the RFM segments, "inactive 90+ days", "cart abandoners",
 * "VIP", or lead scoring. They go through the same checks and export as rules extracted from
 * clusters; fields and their definitions are filled in from the run's feature table.
 */
export const ruleSpecSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('segments'),
      name: z.string().min(1).max(120),
      description: z.string().optional(),
      segments: z.array(named({ id: z.number().int(), condition, description: z.string().optional() })).min(1),
      fallback: named({ id: z.number().int() }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('score'),
      name: z.string().min(1).max(120),
      description: z.string().optional(),
      base: z.number().default(0),
      rules: z.array(z.object({ condition, points: z.number(), description: z.string().optional() }).strict()).min(1),
    })
    .strict(),
]);

export type RuleSpec = z.infer<typeof ruleSpecSchema>;

/** Validate a parsed rule file; every problem names its path in the file. */
export function parseRuleSpec(value: unknown, file: string): RuleSpec {
  const parsed = ruleSpecSchema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      `${file} is not a valid rule file.`,
      parsed.error.issues.map((i) => ({ severity: 'error' as const, check: 'rule-file', message: i.message, location: { file, field: i.path.join('.') || '(root)' }, hint: 'see the README section "Segment rules" for the format' })),
    );
  }
  if (parsed.data.kind === 'segments') {
    const ids = parsed.data.segments.map((s) => s.id).concat(parsed.data.fallback.id);
    const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (dup.length) throw new InputError(`${file}: segment ids must be unique; repeated: ${[...new Set(dup)].join(', ')}.`);
  }
  return parsed.data;
}
