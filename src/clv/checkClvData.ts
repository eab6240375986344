import { InputError, problem, typeName } from '../core/errors';
import type { ClvData } from './ClvData';

/** The columns of a ClvData as typed arrays, checked. */
export interface CheckedClvData {
  n: number;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  m: Float64Array | null;
  /** Customer id of a 0-based row, for messages. */
  name(i: number): string;
}

const SAMPLE = 5;

/**
 * Check what a CLV model is given, once, at its public entry: equally long columns, at least one customer,
 * whole non-negative frequencies, finite non-negative recency ≤ T, recency 0 without a repeat purchase.
 * Every broken rule is one Problem naming the first customer, the count and a few rows.
 * `needs` says which columns the caller reads ('monetary' adds monetaryValue, finite).
 */
export function checkClvData(data: ClvData, who: string, needs: 'purchases' | 'spend'): CheckedClvData {
  if (data === null || typeof data !== 'object') throw new InputError(`${who}: expected a CLV summary (frequency, recency, T), got ${typeName(data)}.`);
  const cols: Array<[string, ArrayLike<number> | undefined]> = needs === 'purchases' ? [['frequency', data.frequency], ['recency', data.recency], ['T', data.T]] : [['frequency', data.frequency], ['monetaryValue', data.monetaryValue]];
  for (const [name, col] of cols) {
    if (!col || typeof col.length !== 'number') throw new InputError(`${who}: the summary has no ${name} column; compute the summary with clvSummary, or pass ${cols.map((c) => c[0]).join(', ')} as arrays.`);
  }
  const n = data.frequency.length;
  for (const [name, col] of cols) {
    if (col!.length !== n) throw new InputError(`${who}: ${name} has ${col!.length} values and frequency ${n}; every column needs one value per customer.`);
  }
  if (data.customerIds && data.customerIds.length !== n) throw new InputError(`${who}: customerIds has ${data.customerIds.length} values and frequency ${n}; give one id per customer.`);
  if (n === 0) throw new InputError(`${who}: the summary has 0 customers; a CLV model needs at least one customer with a purchase before the calibration end.`);
  const ids = data.customerIds;
  const name = (i: number): string => (ids ? `customer "${ids[i]}" (row ${i + 1})` : `the customer of row ${i + 1}`);
  const x = Float64Array.from(data.frequency);
  const tx = needs === 'purchases' ? Float64Array.from(data.recency!) : new Float64Array(n);
  const T = needs === 'purchases' ? Float64Array.from(data.T!) : new Float64Array(n);
  const m = data.monetaryValue && (needs === 'spend' || data.monetaryValue.length === n) ? Float64Array.from(data.monetaryValue) : null;
  type Spec = (j: number) => { check: string; message: string; column: string; hint: string };
  const found = new Map<string, { rows: number[]; first: number; spec: Spec }>();
  const flag = (key: string, i: number, spec: Spec): void => {
    const f = found.get(key);
    if (f) f.rows.push(i + 1);
    else found.set(key, { rows: [i + 1], first: i, spec });
  };
  const RECOMPUTE = 'recompute the summary with clvSummary (frequency, recency and T in one unit, from the first purchase day)';
  for (let i = 0; i < n; i++) {
    const f = x[i]!;
    if (!(Number.isInteger(f) && f >= 0)) flag('frequency', i, (j) => ({ check: 'bad-frequency', message: `${name(j)} has frequency ${x[j]}: frequency counts repeat purchase periods, a whole number >= 0`, column: 'frequency', hint: RECOMPUTE }));
    if (needs === 'purchases') {
      if (!(Number.isFinite(tx[i]!) && tx[i]! >= 0)) flag('recency', i, (j) => ({ check: 'bad-recency', message: `${name(j)} has recency ${tx[j]}, expected a finite number >= 0`, column: 'recency', hint: RECOMPUTE }));
      else if (!(Number.isFinite(T[i]!) && T[i]! >= 0)) flag('T', i, (j) => ({ check: 'bad-T', message: `${name(j)} has T ${T[j]}, expected a finite number >= 0`, column: 'T', hint: RECOMPUTE }));
      else if (T[i]! < tx[i]!) flag('T<recency', i, (j) => ({ check: 'recency-after-T', message: `${name(j)} has T ${T[j]} < recency ${tx[j]}: the last purchase cannot be after the calibration end`, column: 'T', hint: `${RECOMPUTE}; T is the age at the calibration end, so it is never less than recency` }));
      else if (f === 0 && tx[i]! !== 0) flag('recency0', i, (j) => ({ check: 'recency-without-repeat', message: `${name(j)} has no repeat purchase (frequency 0) but recency ${tx[j]}`, column: 'recency', hint: `${RECOMPUTE}; without a repeat purchase recency is 0` }));
    } else if (f > 0 && !(Number.isFinite(m![i]!) && m![i]! > 0)) {
      flag('monetary', i, (j) => ({ check: 'non-positive-monetary-value', message: `${name(j)} has monetary value ${m![j]}: the Gamma-Gamma model needs a positive mean spend for every repeat buyer`, column: 'monetaryValue', hint: 'leave out customers whose repeat purchases net to zero or less (returns), or fit on gross order values' }));
    }
  }
  if (found.size) {
    const problems = [...found.values()].map(({ rows, first, spec }) => {
      const p = spec(first);
      return problem({ check: p.check, what: p.message, where: { row: first + 1, column: p.column }, fix: p.hint, count: rows.length, share: rows.length / n, sampleRows: rows.slice(0, SAMPLE) });
    });
    throw new InputError(`${who}: the CLV summary has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; first: ${problems[0]!.message}.`, problems);
  }
  return { n, x, tx, T, m, name };
}
