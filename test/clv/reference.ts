import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLV_MODELS, type PurchaseModel, type PurchaseModelName } from '../../src';

/** The scipy reference values of fixtures/clvReference.json (written by fixtures/clvReference.py). */
export interface Reference {
  params: Record<'bgnbd' | 'mbgnbd' | 'paretonbd' | 'gammagamma', Record<string, number>>;
  special: { logGamma: [number, number][]; digamma: [number, number][]; hyp2f1: [number, number, number, number, number][] };
  customers: Array<{
    id: string;
    x: number;
    tx: number;
    T: number;
    m: number;
    bgnbd: { ll: number; alive: number; expected10: number; expected39: number };
    mbgnbd: { ll: number; alive: number; expected39: number };
    paretonbd: { ll: number; alive: number; expected39: number };
    gammagamma: { ll: number | null; spend: number };
    clv12: number;
  }>;
  unconditional: Record<'bgnbd' | 'mbgnbd', { expected: [number, number][]; pn: [number, number, number][] }>;
}

export const REFERENCE: Reference = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'clvReference.json'), 'utf8'));

/** The mpmath values near z = 1 of fixtures/hyp2f1Near1.json (written by fixtures/hyp2f1Near1.py). */
export interface NearOne {
  /** [a, b, c, z, ln ₂F₁(a, b; c; z)] */
  hyp2f1: [number, number, number, number, number][];
  paretonbd: Array<{ params: Record<string, number>; customers: Array<{ x: number; tx: number; T: number; ll: number; alive: number; expected39: number }> }>;
}

export const NEAR_ONE: NearOne = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'hyp2f1Near1.json'), 'utf8'));

/** A purchase model at given parameters, through the registry's fromJSON (as a saved model would be). */
export function purchaseModelAt(kind: PurchaseModelName, params: Record<string, number>): PurchaseModel {
  const entry = CLV_MODELS.lookup(kind);
  if (entry.role !== 'purchases') throw new Error(`${kind} is not a purchase model`);
  const standardErrors = Object.fromEntries(Object.keys(params).map((k) => [k, null]));
  return entry.fromJSON({ schemaVersion: 1, kind, unit: 'weeks', params, standardErrors, logLikelihood: 0, nCustomers: 1, penalizer: 0, starts: [], warnings: [] });
}

/** The reference customers as a CLV summary. */
export function referenceSummary(): { customerIds: string[]; frequency: number[]; recency: number[]; T: number[]; monetaryValue: number[]; unit: 'weeks' } {
  const c = REFERENCE.customers;
  return { customerIds: c.map((r) => r.id), frequency: c.map((r) => r.x), recency: c.map((r) => r.tx), T: c.map((r) => r.T), monetaryValue: c.map((r) => r.m), unit: 'weeks' };
}

/** |a − b| / |b| (absolute when b is 0). */
export function relError(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}
