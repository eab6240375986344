import { describe, expect, it } from 'vitest';
import { checkParam, InputError, inputError, paramError, savedJsonError, typeName, UsageError, usageError } from '../../src';

describe('one message style (core/errors)', () => {
  it('a parameter: Invalid <name>: got <value>, expected <what>.', () => {
    expect(() => checkParam(false, 'KMeans k', 0, 'an integer >= 1')).toThrow(new UsageError('Invalid KMeans k: got 0, expected an integer >= 1.'));
    expect(() => checkParam(true, 'KMeans k', 3, 'an integer >= 1')).not.toThrow();
    expect(paramError('session', {}, 'an open DuckSession', typeName(null)).message).toBe('Invalid session: got null, expected an open DuckSession.');
  });

  it("a caller's misuse and a saved file: who or which file first", () => {
    expect(usageError('KDTree', 'call resetActive() first')).toEqual(new UsageError('KDTree: call resetActive() first.'));
    expect(usageError('fidelityReport', 'predicted has 2 values, actual has 3', 'pass one prediction per row').message).toBe('fidelityReport: predicted has 2 values, actual has 3; pass one prediction per row.');
    expect(savedJsonError('PCA', 'mean has 1 values, expected 2')).toEqual(new UsageError('Invalid PCA JSON: mean has 1 values, expected 2.'));
  });

  it('the user’s input: an InputError whose problem says what, where and how to fix it', () => {
    const e = inputError({ check: 'missing-file', what: 'no such file', where: { file: 'a.yaml' }, fix: 'check the path given to --config' });
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe('a.yaml: no such file.\n  - error [missing-file] a.yaml: no such file\n      fix: check the path given to --config');
    expect(e.problems).toEqual([{ severity: 'error', check: 'missing-file', message: 'no such file', location: { file: 'a.yaml' }, hint: 'check the path given to --config' }]);
    const s = inputError({ summary: 'Config file not found: a.yaml', check: 'missing-file', what: 'no such file', where: { file: 'a.yaml' } });
    expect(s.message.split('\n')[0]).toBe('Config file not found: a.yaml');
    expect(s.problems[0]).not.toHaveProperty('hint');
  });
});
