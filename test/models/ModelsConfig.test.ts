import { describe, expect, it } from 'vitest';
import { InputError, MODEL_NAMES, modelsConfigSchema, parseModelsConfig } from '../../src';

describe('the models: config section', () => {
  it('fills every default; validation is out-of-time with 2 snapshots or more', () => {
    const c = parseModelsConfig({ target: { kind: 'churn', horizonDays: 90 } });
    expect(c).toEqual({
      target: { kind: 'churn', horizonDays: 90 },
      snapshots: 3,
      family: 'auto',
      params: {},
      exclude: [],
      validation: 'out-of-time',
      folds: 5,
      contactBudget: 0.1,
      calibration: 'none',
      search: { budget: 0, space: {} },
      seed: 42,
    });
    expect(parseModelsConfig({ target: { kind: 'churn', horizonDays: 90 }, snapshots: 1 }).validation).toBe('k-fold');
    expect(parseModelsConfig({ target: { kind: 'column', column: 'y' } }).validation).toBe('k-fold');
  });

  it('reads the three target kinds and the three propensity events', () => {
    for (const event of [{ category: 'books' }, { channel: 'app' }, { eventType: 'email_click' }]) {
      expect(parseModelsConfig({ target: { kind: 'propensity', horizonDays: 30, event } }).target).toEqual({ kind: 'propensity', horizonDays: 30, event });
    }
    const bank = parseModelsConfig({ target: { kind: 'column', column: 'y', positive: ['yes'] }, exclude: ['duration'], family: 'hist-gradient-boosting', params: { 'hist-gradient-boosting': { maxDepth: 4 } } });
    expect(bank.target).toEqual({ kind: 'column', column: 'y', positive: ['yes'] });
    expect(bank.exclude).toEqual(['duration']);
    expect(bank.params).toEqual({ 'hist-gradient-boosting': { maxDepth: 4 } });
  });

  it('refuses what it cannot use, naming the field', () => {
    const message = (value: unknown) => {
      try {
        parseModelsConfig(value, 'models', 'run.yaml');
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(message({})).toContain('field models.target');
    expect(message({ target: { kind: 'churn' } })).toContain('field models.target.horizonDays');
    expect(message({ target: { kind: 'uplift', horizonDays: 30 } })).toContain('target.kind is churn, propensity or column');
    expect(message({ target: { kind: 'propensity', horizonDays: 30, event: { category: 'a', channel: 'b' } } })).toContain('field models.target.event');
    expect(message({ target: { kind: 'churn', horizonDays: 30 }, family: 'svm' })).toContain('field models.family');
    expect(message({ target: { kind: 'churn', horizonDays: 30 }, params: { svm: {} } })).toContain('field models.params');
    expect(message({ target: { kind: 'churn', horizonDays: 30 }, horizon: 30 })).toContain('allowed keys: target, snapshots, family, params, exclude, validation, folds, contactBudget, calibration, search, seed');
    expect(message({ target: { kind: 'churn', horizonDays: 30 }, snapshots: 1, validation: 'out-of-time' })).toContain('out-of-time validation needs at least 2 snapshots (snapshots is 1)');
    expect(message({ target: { kind: 'column', column: 'y' }, validation: 'out-of-time' })).toContain('a column target has one: use k-fold');
    expect(message({ target: { kind: 'churn', horizonDays: 30 }, contactBudget: 0 })).toContain('field models.contactBudget');
    expect(message({ target: { kind: 'churn', horizonDays: 30 }, seed: -1 })).toContain('field models.seed');
  });

  it('reads calibration and search, and says what a bad one should be', () => {
    const c = parseModelsConfig({ target: { kind: 'churn', horizonDays: 30 }, calibration: 'isotonic', search: { budget: 4, space: { 'random-forest': { minSamplesLeaf: [1, 5], maxFeatures: { low: 0.2, high: 0.8 } } } } });
    expect(c.calibration).toBe('isotonic');
    expect(c.search).toEqual({ budget: 4, space: { 'random-forest': { minSamplesLeaf: [1, 5], maxFeatures: { low: 0.2, high: 0.8 } } } });
    const message = (value: unknown) => {
      try {
        parseModelsConfig({ target: { kind: 'churn', horizonDays: 30 }, ...(value as object) }, 'models', 'run.yaml');
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).problems.map((p) => `${p.location?.field}: ${p.message}`).join('\n');
      }
      throw new Error('accepted');
    };
    const sigmoid = message({ calibration: 'sigmoid' });
    expect(sigmoid).toContain('models.calibration');
    expect(sigmoid).toMatch(/'none' \| 'platt' \| 'isotonic'/);
    expect(message({ search: { budget: -1 } })).toContain('models.search.budget');
    expect(message({ search: { budget: 2.5 } })).toContain('models.search.budget');
    expect(message({ search: { budjet: 2 } })).toContain('models.search');
    expect(message({ search: { budget: 2, space: { svm: {} } } })).toContain('models.search.space');
    expect(message({ search: { budget: 2, space: { mlp: { learningRate: { low: 0.1, high: 0.01 } } } } })).toContain('models.search.space.mlp.learningRate');
    expect(message({ search: { budget: 2, space: { mlp: { l2: { low: 0, high: 1, scale: 'log' } } } } })).toMatch(/models\.search\.space\.mlp\.l2.*log scale needs low > 0/);
  });

  it('describes every field (the schema is strict)', () => {
    const shape = modelsConfigSchema._def.schema._def.schema.shape;
    for (const [key, field] of Object.entries(shape)) expect((field as { description?: string }).description, key).toBeTruthy();
    expect(MODEL_NAMES).toEqual(['logistic-regression', 'hist-gradient-boosting', 'random-forest', 'mlp']);
  });
});
