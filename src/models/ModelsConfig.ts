import { z } from 'zod';
import { InputError, type Problem } from '../core/errors';
import { seedParam } from '../core/seedParam';
import { CALIBRATION_METHODS } from './evaluation/Calibrator';
import type { ModelName } from './ModelEntry';

/** The four model families, in the order `auto` tries them. */
export const MODEL_NAMES = ['logistic-regression', 'hist-gradient-boosting', 'random-forest', 'mlp'] as const satisfies readonly ModelName[];
// A family added to ModelName but not here is a compile error.
const everyModelName: Exclude<ModelName, (typeof MODEL_NAMES)[number]> extends never ? true : never = true;
void everyModelName;

/** The validation schemes: train on earlier snapshots and test on the latest, or stratified k-fold. */
export const VALIDATION_SCHEMES = ['out-of-time', 'k-fold'] as const;
export type ValidationScheme = (typeof VALIDATION_SCHEMES)[number];

const horizonDays = z.number().int().min(1).max(3650).describe('the label window in days, a whole number from 1 to 3650');

/** What a propensity label counts as "it happened": an order in a category, an order on a channel, or an event type. */
export const propensityEventSchema = z.union([
  z.object({ category: z.string().min(1).describe('a category of the transactions table: an order (not a return) in it') }).strict(),
  z.object({ channel: z.string().min(1).describe('a channel of the transactions table: an order (not a return) on it') }).strict(),
  z.object({ eventType: z.string().min(1).describe('an event_type of the events table, e.g. email_click or a campaign response') }).strict(),
]);
export type PropensityEvent = z.infer<typeof propensityEventSchema>;

/** `models.target`: what the model predicts. */
export const modelTargetSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('churn').describe('churn: no order in the horizon after a snapshot, among customers with an order before it'),
      horizonDays,
    })
    .strict(),
  z
    .object({
      kind: z.literal('propensity').describe('propensity: the event happens in the horizon after a snapshot'),
      horizonDays,
      event: propensityEventSchema.describe('{ category }, { channel } or { eventType }'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('column').describe('the data carries its label in a column (Telco churn, Bank Marketing y): one snapshot'),
      column: z.string().min(1).describe('the label column (canonical name after the data mapping); never a feature'),
      positive: z
        .array(z.union([z.string(), z.number(), z.boolean()]))
        .min(1)
        .optional()
        .describe('values that mean "it happened", compared as text, case-insensitive (default: 1, true, yes, y)'),
    })
    .strict(),
]);
export type ModelTarget = z.infer<typeof modelTargetSchema>;
export type ModelTargetKind = ModelTarget['kind'];

const familyParams = z.record(z.unknown()).describe("the family's own params (each family validates its own)");

/** One parameter's values in a search space: a list to pick from, or a range (log-uniform with scale log). */
const paramRangeSchema = z.union([
  z.array(z.union([z.number(), z.string(), z.boolean()])).min(1),
  z
    .object({ low: z.number().finite(), high: z.number().finite(), scale: z.enum(['linear', 'log']).optional(), integer: z.boolean().optional() })
    .strict()
    .refine((r) => r.low <= r.high, { message: 'low must be <= high' })
    .refine((r) => r.scale !== 'log' || r.low > 0, { message: 'a log scale needs low > 0' }),
]);
/** A family's search space (also how model-card.json's search is read back). */
export const familySpaceSchema = z.record(paramRangeSchema);
const familySpace = familySpaceSchema.describe('{ param: [values] or { low, high, scale?: linear | log, integer? } }');

/** `models.search`: a seeded random search of each family's params, `budget` candidates per family (0 = off). */
export const modelsSearchSchema = z
  .object({
    budget: z.number().int().min(0).max(200).default(0).describe('candidates tried per family, a whole number from 0 (no search) to 200'),
    /** Per family, the space to draw from (default: the family's own default space, without the params the config fixes). */
    space: z
      .object({
        'logistic-regression': familySpace.optional(),
        'hist-gradient-boosting': familySpace.optional(),
        'random-forest': familySpace.optional(),
        mlp: familySpace.optional(),
      })
      .strict()
      .default({})
      .describe('per family: { param: [values] or { low, high, scale?, integer? } }'),
  })
  .strict();
export type ModelsSearch = z.output<typeof modelsSearchSchema>;

/**
 * `models:` in the run config: the target, how many earlier snapshots to train on, which model family,
 * how it is validated, and the contact budget of the confusion matrix. Every field but
 * `target` has a default; `validation` defaults to out-of-time when there are two snapshots or more.
 */
export const modelsConfigSchema = z
  .object({
    /** What is predicted (churn, propensity to an event, or the data's own label column). */
    target: modelTargetSchema.describe('{ kind: churn, horizonDays }, { kind: propensity, horizonDays, event } or { kind: column, column, positive? }'),
    /** Earlier snapshots trained on: asOf − horizon, asOf − 2·horizon, … (a column target has one). */
    snapshots: z.number().int().min(1).max(24).default(3).describe('how many earlier snapshots to train on, 1 to 24'),
    /** A model family, or auto: the best by out-of-time (else cross-validated) AUC. */
    family: z.enum(['auto', ...MODEL_NAMES]).default('auto').describe(`auto or one of ${MODEL_NAMES.join(', ')}`),
    /** Params per family, passed to the family as they are. */
    params: z
      .object({
        'logistic-regression': familyParams.optional(),
        'hist-gradient-boosting': familyParams.optional(),
        'random-forest': familyParams.optional(),
        mlp: familyParams.optional(),
      })
      .strict()
      .default({})
      .describe('params per family: { logistic-regression: {...}, hist-gradient-boosting: {...}, random-forest: {...}, mlp: {...} }'),
    /** Feature columns never given to the model (e.g. Bank Marketing's duration, known only after the call). */
    exclude: z.array(z.string().min(1)).default([]).describe('feature columns left out of the model'),
    /** out-of-time (train on earlier snapshots, test on the latest) or k-fold (stratified). */
    validation: z.enum(VALIDATION_SCHEMES).optional().describe('out-of-time (default with 2 snapshots or more) or k-fold'),
    /** Folds of the stratified k-fold. */
    folds: z.number().int().min(2).max(20).default(5).describe('a whole number of folds from 2 to 20'),
    /** Share of customers contacted ("contact the top 10%"): sets the threshold of the confusion matrix. */
    contactBudget: z.number().gt(0).max(1).default(0.1).describe('a share of customers in (0, 1], e.g. 0.1 for the top 10%'),
    /** Calibrate the chosen model on out-of-fold raw scores of its training rows (none, platt or isotonic). */
    calibration: z.enum(CALIBRATION_METHODS).default('none').describe(`one of ${CALIBRATION_METHODS.join(', ')}`),
    /** A small hyperparameter search per family on the training rows (budget 0: none). */
    search: modelsSearchSchema.default({}).describe('{ budget: candidates per family (0 = off), space?: { <family>: { param: range } } }'),
    /** Seed of every random stream of the models stage (folds, search, bootstrap, the families' own). */
    seed: seedParam,
  })
  .strict()
  .superRefine((c, ctx) => {
    const snapshots = c.target.kind === 'column' ? 1 : c.snapshots;
    if (c.validation === 'out-of-time' && snapshots < 2) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['validation'],
        message:
          c.target.kind === 'column'
            ? 'out-of-time validation needs dated snapshots; a column target has one: use k-fold'
            : `out-of-time validation needs at least 2 snapshots (snapshots is ${c.snapshots}): set snapshots: 2 or more, or validation: k-fold`,
      });
    }
  })
  .transform((c) => ({
    ...c,
    validation: c.validation ?? ((c.target.kind === 'column' ? 1 : c.snapshots) >= 2 ? 'out-of-time' : 'k-fold'),
  }));

/** The `models:` section after validation (defaults filled, `validation` always set). */
export type ModelsConfig = z.output<typeof modelsConfigSchema>;
/** What a config may write: every field but target optional. */
export type ModelsConfigInput = z.input<typeof modelsConfigSchema>;

/** Validate a `models:` section (from YAML or code); every problem is reported with its field path. */
export function parseModelsConfig(value: unknown, fieldPrefix = 'models', source = 'config'): ModelsConfig {
  const parsed = modelsConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems: Problem[] = parsed.error.issues.map((issue) => ({
    severity: 'error',
    check: 'config',
    message: issue.message,
    location: { file: source, field: [fieldPrefix, ...issue.path.map(String)].filter(Boolean).join('.') },
    ...(issue.code === 'unrecognized_keys' && issue.path.length === 0 ? { hint: `allowed keys: ${Object.keys(modelsConfigSchema._def.schema._def.schema.shape).join(', ')}` } : {}),
    ...(issue.code === 'invalid_union_discriminator' ? { hint: 'target.kind is churn, propensity or column' } : {}),
  }));
  throw new InputError(`The ${fieldPrefix} section of ${source} is not valid.`, problems);
}
