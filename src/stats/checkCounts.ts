import { checkParam } from '../core/errors';

/** Validate a success count out of n trials (public entry points only). */
export function checkCount(count: number, nobs: number, name: string): void {
  checkParam(Number.isInteger(nobs) && nobs > 0, `${name} nobs`, nobs, 'a whole number of customers > 0');
  checkParam(Number.isInteger(count) && count >= 0 && count <= nobs, `${name} count`, count, `a whole number from 0 to ${nobs} (its nobs)`);
}

/** Validate a confidence level or significance level in (0, 1). */
export function checkLevel(value: number, name: string): void {
  checkParam(Number.isFinite(value) && value > 0 && value < 1, name, value, 'a number between 0 and 1 (e.g. 0.95 for a 95% interval, 0.05 for a 5% level)');
}
