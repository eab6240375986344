// The stored scipy / statsmodels values of test/drift/fixtures/make_reference.py (no Python needed to read them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleSpec } from './minstd';

export interface DriftReference {
  ks: Array<{ reference: SampleSpec; current: SampleSpec; method: 'auto' | 'exact' | 'asymp'; statistic: number; pValue: number }>;
  kstwo: Array<{ n: number; x: number; sf: number }>;
  chiSquare: Array<{ reference: string; current: string; chi2: number; pValue: number; dof: number; pooledLevels: number }>;
  chiSquareGof: Array<{ observed: number[]; expected: number[] | null; chi2: number; pValue: number }>;
  zTest: Array<{ referenceOnes: number; referenceN: number; currentOnes: number; currentN: number; z: number; pValue: number }>;
  wasserstein: Array<{ reference: SampleSpec; current: SampleSpec; distance: number; sd: number; normed: number }>;
  jensenShannon: Array<{ p: number[]; q: number[]; distance: number; base2: number }>;
}

export const reference: DriftReference = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'reference.json'), 'utf8'));
