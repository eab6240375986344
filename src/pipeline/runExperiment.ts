import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../core/atomicWrite';
import { inputError } from '../core/errors';
import { LOCALES } from '../core/Locale';
import { DuckSession, quoteLiteral } from '../data/DuckSession';
import { hmacId, resolvePseudonymKey } from '../data/pseudonymise';
import { experimentMarkdown } from '../report/experimentMarkdown';
import { type Alternative } from '../experiments/Alternative';
import type { PValueCorrection } from '../experiments/adjustPValues';
import { analyseExperiment } from '../experiments/analyseExperiment';
import { loadExperimentConfig } from '../experiments/experimentConfig';
import type { ExperimentResult } from '../experiments/ExperimentResult';
import { readExperimentUnits, type OutcomeTable } from '../experiments/readExperimentUnits';
import { readRunOutcomes } from './readRunOutcomes';

export interface ExperimentRun {
  result: ExperimentResult;
  /** Assigned customers with no outcome row (counted as not converted / no revenue). */
  withoutOutcome: number;
  unassignedOutcomes: number;
  withoutSegment: number;
  /** Files written (experiment.json, experiment.md, experiment.fr.md) when an out folder was given. */
  written: string[];
}

/**
 * `seglab ab`: the experiment config read and checked, the assignment and outcome files read with their
 * row checks, segments taken from a run folder (or the assignment file), the analysis, and — with `out` —
 * experiment.json plus the Markdown in every locale, each written to a temporary name and renamed.
 */
export async function runExperiment(configPath: string, options: { out?: string; env?: Readonly<Record<string, string | undefined>> } = {}): Promise<ExperimentRun> {
  const { config, baseDir } = loadExperimentConfig(configPath);
  const at = (p: string) => resolve(baseDir, p);
  const session = await DuckSession.open();
  try {
    let hash = (id: string) => id;
    if (config.pseudonymise) {
      const key = resolvePseudonymKey({ enabled: true }, options.env ?? process.env);
      hash = (id: string) => hmacId(key!, id);
    }
    let segmentOf: ((id: string) => string | undefined) | undefined;
    if (config.segments !== undefined) {
      const bySegmentId = await runSegments(session, at(config.segments));
      segmentOf = (id) => bySegmentId.get(hash(id));
    }
    const outcomesPath = at(config.outcomes);
    const fromRun = existsSync(outcomesPath) && statSync(outcomesPath).isDirectory();
    let outcomes: string | OutcomeTable = outcomesPath;
    let preTable: OutcomeTable | undefined;
    if (fromRun) {
      const run = await readRunOutcomes(session, { dir: outcomesPath, field: 'outcomes', column: config.outcome, use: 'outcome', ...(config.convertedAbove !== undefined && { convertedAbove: config.convertedAbove }) });
      if (run.pseudonymised && !config.pseudonymise) {
        throw inputError({ check: 'experiment-outcome-ids', what: 'the outcome run pseudonymised its customer ids; the assignment file has raw ids', where: { file: outcomesPath, field: 'outcomes' }, fix: "set `pseudonymise: true` (with the run's SEGLAB_PSEUDONYM_KEY) so the ids are hashed the same way" });
      }
      outcomes = run.table;
      if (config.pre !== undefined) {
        if (config.preRun === undefined) {
          throw inputError({ check: 'experiment-pre', what: `pre "${config.pre}" with a run folder as outcomes needs the run it is read from`, where: { file: outcomesPath, field: 'preRun' }, fix: 'add `preRun:` the folder of a run as of on or before the first assignment (the outcome run was measured after the test started)' });
        }
        preTable = (await readRunOutcomes(session, { dir: at(config.preRun), field: 'preRun', column: config.pre, use: 'pre' })).table;
      }
    } else if (config.convertedAbove !== undefined || config.preRun !== undefined) {
      throw inputError({ check: 'experiment-config', what: `${config.convertedAbove !== undefined ? 'convertedAbove' : 'preRun'} applies only when outcomes is a run folder`, where: { file: outcomesPath, field: config.convertedAbove !== undefined ? 'convertedAbove' : 'preRun' }, fix: 'remove it, or give a run folder as outcomes' });
    }
    const read = await readExperimentUnits(session, {
      assignments: at(config.assignments),
      outcomes,
      ...(preTable && { preTable }),
      ...(fromRun && config.pseudonymise && { outcomeIdOf: hash }),
      outcome: config.outcome,
      metric: config.metric,
      experiment: config.experiment,
      ...(config.pre !== undefined && { pre: config.pre }),
      ...(segmentOf && { segmentOf }),
    });
    if (segmentOf && read.withoutSegment === read.units.length) {
      throw inputError({ check: 'experiment-segments', what: `no customer of the experiment is in the run's assignments.csv`, where: { file: at(config.segments!), field: 'segments' }, fix: config.pseudonymise ? 'check that the run and the experiment use the same SEGLAB_PSEUDONYM_KEY' : "if the run pseudonymised its ids, set `pseudonymise: true` (with the run's SEGLAB_PSEUDONYM_KEY); else check that both files use the same customer ids" });
    }
    const result = analyseExperiment(read.units, {
      experiment: config.experiment,
      metric: config.metric,
      control: config.control,
      treatment: config.treatment,
      alpha: config.alpha,
      alternative: config.alternative as Alternative,
      correction: config.correction as PValueCorrection,
      minPerVariant: config.minPerVariant,
      treatmentShare: config.treatmentShare,
      seed: config.seed,
      ...(config.plannedPerVariant !== undefined && { plannedPerVariant: config.plannedPerVariant }),
      ...(config.minimumEffect !== undefined && { minimumEffect: config.minimumEffect }),
    });
    if (read.withoutOutcome > 0) result.warnings.push(`${read.withoutOutcome} assigned customers have no outcome row and count as ${config.metric === 'conversion' ? 'not converted' : 'no revenue'}.`);
    if (read.unassignedOutcomes > 0) result.warnings.push(`${read.unassignedOutcomes} outcome rows belong to customers outside the experiment and were left out.`);
    if (segmentOf && read.withoutSegment > 0) result.warnings.push(`${read.withoutSegment} customers are not in the run's segments: they count in the overall estimate only.`);
    const written: string[] = [];
    if (options.out !== undefined) {
      const dir = resolve(options.out);
      mkdirSync(dir, { recursive: true });
      const json = join(dir, 'experiment.json');
      writeJsonAtomic(json, result);
      written.push(json);
      for (const locale of LOCALES) {
        const file = join(dir, locale === 'en' ? 'experiment.md' : `experiment.${locale}.md`);
        writeFileAtomic(file, experimentMarkdown(result, locale));
        written.push(file);
      }
    }
    return { result, withoutOutcome: read.withoutOutcome, unassignedOutcomes: read.unassignedOutcomes, withoutSegment: read.withoutSegment, written };
  } finally {
    session.close();
  }
}

/** A run folder's segment of every customer id: assignments.csv, named as personas.json names them. */
async function runSegments(session: DuckSession, dir: string): Promise<Map<string, string>> {
  const file = join(dir, 'assignments.csv');
  if (!existsSync(file)) throw inputError({ check: 'missing-file', what: 'no assignments.csv in the run folder', where: { file: dir, field: 'segments' }, fix: 'give the folder of a run that ran the cluster stage (reports/<run-id>)' });
  const names = new Map<number, string>();
  const personas = join(dir, 'personas.json');
  if (existsSync(personas)) {
    try {
      const doc = JSON.parse(readFileSync(personas, 'utf8')) as { segments?: { id: number; name?: string; suppressed?: boolean }[] };
      for (const s of doc.segments ?? []) if (!s.suppressed && typeof s.name === 'string') names.set(s.id, s.name);
    } catch {
      // Names are a convenience: without them segments are called by number.
    }
  }
  const rows = await session.all(`SELECT customer_id::VARCHAR AS id, segment::INTEGER AS segment FROM read_csv(${quoteLiteral(file)}, header = true, all_varchar = true)`);
  const out = new Map<string, string>();
  for (const r of rows) {
    const id = String(r.id);
    // A CSV-guarded id was written with a leading quote; the experiment file has the plain id.
    out.set(id.startsWith("'") ? id.slice(1) : id, names.get(Number(r.segment)) ?? `Segment ${r.segment}`);
  }
  return out;
}
