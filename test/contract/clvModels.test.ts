// Contracts every CLV model (CLV_MODELS) passes: no customers, a broken summary (T < recency for the
// purchase models, non-positive spend for the spend model) are InputErrors naming the customer; same
// input ⇒ identical model JSON; a JSON round trip (through text, by the registry) ⇒ identical
// predictions; a damaged JSON and unknown params are refused.
import { describe, expect, it } from 'vitest';
import { CLV_MODELS, InputError, UsageError, type ClvData, type ClvModelEntry } from '../../src';
import { clvCustomers, FIXTURES } from './fixtures';

const data = clvCustomers();

/** What a call throws (fails when it returns). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error, none was thrown');
}

/** Fit an entry on a summary, and what it predicts per customer (purchase models: E[X(10)], P(alive); spend: expected spend). */
function fitAndPredict(entry: ClvModelEntry, input: ClvData, seed = 1): { json: unknown; predictions: Float64Array[]; restore: (json: unknown) => Float64Array[] } {
  const params = { ...FIXTURES['CLV model']![entry.name]!.params, seed };
  if (entry.role === 'purchases') {
    const m = entry.create(params).fit(input);
    const predict = (model: typeof m) => [model.expectedPurchases(10, data), model.probabilityAlive(data), Float64Array.of(model.probabilityOfPurchases(2, 10))];
    return { json: m.toJSON(), predictions: predict(m), restore: (json) => predict(entry.fromJSON(json)) };
  }
  const m = entry.create(params).fit(input);
  return { json: m.toJSON(), predictions: [m.expectedSpend(data)], restore: (json) => [entry.fromJSON(json).expectedSpend(data)] };
}

describe.each(CLV_MODELS.list().map((e) => [e.name, e] as const))('CLV model contract: %s', (name, entry) => {
  it('is the registered kind; the same input gives an identical model JSON, with finite parameters and standard errors', () => {
    const a = fitAndPredict(entry, data, 5);
    const b = fitAndPredict(entry, data, 5);
    expect(JSON.stringify(a.json)).toBe(JSON.stringify(b.json));
    const json = a.json as { kind: string; schemaVersion: number; params: Record<string, number>; standardErrors: Record<string, number | null> };
    expect(json.kind).toBe(name);
    expect(json.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(Object.keys(json.params)).toEqual(entry.paramNames);
    expect(Object.values(json.params).every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(Object.values(json.standardErrors).every((v) => v !== null && v > 0)).toBe(true);
    for (const p of a.predictions) expect(p.every(Number.isFinite)).toBe(true);
  });

  it('a JSON round trip (through text, by the registry) gives identical predictions; a damaged JSON is refused', () => {
    const { json, predictions, restore } = fitAndPredict(entry, data);
    const back = restore(JSON.parse(JSON.stringify(json)));
    back.forEach((p, k) => expect(Array.from(p)).toEqual(Array.from(predictions[k]!)));
    expect(JSON.stringify(entry.fromJSON(JSON.stringify(json)).toJSON())).toBe(JSON.stringify(json));
    expect(() => entry.fromJSON({ ...(json as object), schemaVersion: 999 })).toThrow(/^Invalid .* JSON: schemaVersion/);
    expect(() => entry.fromJSON('{not json')).toThrow(UsageError);
  });

  it('no customers is an InputError', () => {
    const err = thrownBy(() => fitAndPredict(entry, { frequency: [], recency: [], T: [], monetaryValue: [] }));
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/0 customers/);
  });

  it(entry.role === 'purchases' ? 'T < recency is an InputError naming the customer' : 'a non-positive spend of a repeat buyer is an InputError naming the customer', () => {
    const broken = { ...data, recency: data.recency.slice(), monetaryValue: data.monetaryValue.slice() };
    const row = data.frequency.findIndex((x) => x > 0);
    if (entry.role === 'purchases') broken.recency[row] = data.T[row]! + 1;
    else broken.monetaryValue[row] = -3;
    const err = thrownBy(() => fitAndPredict(entry, broken)) as InputError;
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain(`customer "c${row + 1}" (row ${row + 1})`);
    expect(err.problems[0]!.location).toMatchObject({ row: row + 1 });
    expect(err.problems[0]!.hint).toBeTruthy();
  });

  it('unknown params are refused', () => {
    expect(() => entry.create({ notAParam: 1 } as never)).toThrow(/unknown key "notAParam"/);
  });
});
