import { checkParam } from '../core/errors';

/** Validate a sample of numbers (public entry points): at least `min` values, all finite. */
export function checkSample(values: ArrayLike<number>, name: string, min = 2): void {
  checkParam(values.length >= min, `${name} size`, values.length, `at least ${min} values`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) checkParam(false, `${name}[${i}]`, values[i], 'a finite number (drop or fill missing outcomes first)');
  }
}
