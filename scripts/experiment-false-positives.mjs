// The per-segment false-positive rate of `seglab ab` over many seeds of the synthetic e-mail offer (issue 17):
// promo hunters +12 points on 10%, loyal regulars no effect, 250 per variant each, Holm over the two segments.
// Usage: npm run experiments:fp [-- --seeds 20000]. Prints the rates with Wilson 95% intervals.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { analyseExperiment, simulateExperiment, wilsonInterval, SYNTH_EXPERIMENT } = require('../dist/cjs/index.js');

const at = process.argv.indexOf('--seeds');
const seeds = at > 0 ? Number(process.argv[at + 1]) : 20000;
if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`--seeds takes a whole number, got ${process.argv[at + 1]}`);
// The offer `seglab synth --experiment` writes (SYNTH_EXPERIMENT), on 590 promo hunters and 580 loyal regulars.
const spec = { ...SYNTH_EXPERIMENT, assignedAt: '2026-07-01', measuredAt: '2026-07-15' };
const [withLift, without] = spec.segments.map((s) => s.segment);
const customers = [
  ...Array.from({ length: 590 }, (_, i) => ({ id: `P${i}`, segment: withLift })),
  ...Array.from({ length: 580 }, (_, i) => ({ id: `L${i}`, segment: without })),
];
let falsePositives = 0;
let uncorrected = 0;
let found = 0;
for (let seed = 1; seed <= seeds; seed++) {
  const sim = simulateExperiment(customers, spec, seed);
  const of = new Map(sim.assignments.map((a) => [a.customer_id, a]));
  const units = sim.outcomes.map((o) => ({ variant: of.get(o.customer_id).variant, segment: of.get(o.customer_id).segment, outcome: o.converted }));
  const r = analyseExperiment(units, { metric: 'conversion', control: 'control', treatment: 'offer', seed });
  const loyal = r.segments.find((s) => s.segment === without);
  if (loyal.significant) falsePositives++;
  if (loyal.pValue < 0.05) uncorrected++;
  if (r.segments.find((s) => s.segment === withLift).significant) found++;
  if (seed % 2000 === 0) process.stderr.write(`${seed} / ${seeds} seeds\r`);
}
const pct = (k) => {
  const i = wilsonInterval(k, seeds, 0.95);
  return `${k} / ${seeds} = ${((100 * k) / seeds).toFixed(2)}% (95% ${(100 * i.low).toFixed(2)}–${(100 * i.high).toFixed(2)}%)`;
};
console.log(`false positives in the no-effect segment, Holm-corrected (what seglab ab calls significant): ${pct(falsePositives)}`);
console.log(`the same without the correction (the z-test alone): ${pct(uncorrected)}`);
console.log(`the real lift found: ${pct(found)}`);
