import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { inputError } from '../core/errors';
import { jsonNumber } from '../core/jsonSchema';
import { LOCALES } from '../core/Locale';
import { Matrix } from '../core/Matrix';
import type { PreviousRun } from '../cluster/summary/matchPreviousRun';
import type { PreparedClusterInput } from '../features/prepareClusterInput';
import { ARCHETYPE_IDS } from '../personas/PersonaResult';
import { stagesToRun, type RunConfig } from './RunConfig';
import { readRunFile } from './RunFolder';

/** The setting a previous run came from, named in errors. */
export type PreviousRunField = 'cluster.previous' | 'report.previous' | '--previous' | 'drift.previous' | '<reference-run>';

/**
 * What a comparison reads of an earlier run's cluster.json: only that, since the earlier run is usually from
 * an earlier seglab version. Runs written before `features` and `categorical` existed read their centres' keys.
 */
const previousClusterSchema = z.object({
  segments: z.array(z.object({ id: z.number().int(), size: z.number().int().min(0), share: jsonNumber, centroid: z.record(jsonNumber) })),
  features: z.array(z.object({ name: z.string() })).optional(),
  categorical: z.array(z.string()).optional(),
});

/** What a comparison reads of an earlier run's personas.json: its published names and sizes (older files may lack archetype, customName, locale). */
const previousPersonasSchema = z.object({
  locale: z.enum(LOCALES).optional(),
  segments: z.array(
    z.union([
      z.object({
        id: z.number().int(),
        suppressed: z.literal(false),
        name: z.string(),
        // An archetype this version does not know reads as unknown: the name is then kept as published.
        archetype: z.enum(ARCHETYPE_IDS).nullable().optional().catch(null),
        customName: z.boolean().optional(),
        size: z.number().int().min(0),
        share: jsonNumber,
      }),
      z.object({ id: z.number().int(), suppressed: z.literal(true) }),
    ]),
  ),
});

/** What a comparison reads of an earlier run's manifest.json. */
const previousManifestSchema = z.object({ runId: z.string().optional(), asOf: z.string().optional() });

const HINT = 'give the folder of an earlier run written by `seglab run` (reports/<run-id>), or run that quarter again';

/** An earlier run as a review shows it beside this one: who it is, its published sizes and names. */
export interface PreviousPublication {
  runId: string;
  asOf: string | null;
  /** Its segments' sizes from cluster.json (never suppressed: the review applies its own minimum). */
  segments: { id: number; size: number; share: number }[];
  /** Its personas.json, when it has one. */
  personas: z.infer<typeof previousPersonasSchema> | null;
}

/** The run folder a previous-run setting points to: the folder itself, or the folder of a file in it. */
export function previousRunDir(path: string): string {
  const p = resolve(path);
  return existsSync(p) && statSync(p).isDirectory() ? p : dirname(p);
}

/**
 * The cluster.json of the run a previous-run setting points to; an InputError with the reason when there is
 * none (checked before a run starts, so a wrong --previous costs no loading).
 */
export function previousClusterFile(path: string, field: PreviousRunField): string {
  const dir = previousRunDir(path);
  const clusterFile = join(dir, 'cluster.json');
  if (!existsSync(clusterFile)) {
    throw inputError({ summary: `${field} does not point to a clustered run.`, check: 'missing-previous', what: `no cluster.json in ${dir}`, where: { field, file: dir }, fix: 'segments can only be compared once matched by their centres, which cluster.json holds: give the folder of an earlier run that ran the cluster stage (reports/<run-id>)' });
  }
  return clusterFile;
}

/**
 * Whether the previous run a config names (cluster.previous) can be matched, checked before a run starts:
 * a wrong previous costs no loading. `field` names the setting in the error (--previous when it came from there).
 */
export function checkPreviousRun(config: RunConfig, baseDir: string, field: PreviousRunField = 'cluster.previous'): void {
  if (config.cluster.previous && stagesToRun(config).includes('cluster')) previousClusterFile(resolve(baseDir, config.cluster.previous), field);
  // The drift stage's own reference must be a clustered run too (report.previous and cluster.previous may be partial: it then skips).
  if (config.drift?.previous && stagesToRun(config).includes('drift')) previousClusterFile(resolve(baseDir, config.drift.previous), 'drift.previous');
}

/**
 * A previous run's cluster.json, checked to be clustered on this run's features, its centres (saved in
 * original units) moved into this run's prepared space. Segments can only be compared once matched, so a
 * run without cluster.json, or clustered on other features, is refused with the reason.
 */
export function readPreviousRun(path: string, prep: PreparedClusterInput, field: PreviousRunField): PreviousRun {
  const clusterFile = previousClusterFile(path, field);
  const dir = dirname(clusterFile);
  const previous = readRunFile(clusterFile, previousClusterSchema, HINT);
  const segments = previous.segments;
  if (!segments.length) {
    throw inputError({ summary: `${field}: the previous run has no segments.`, check: 'previous-features', what: 'cluster.json lists no segment', where: { field, file: clusterFile }, fix: 'give an earlier run whose cluster stage finished' });
  }
  const names = prep.raw.columns;
  const theirs = previous.features ? previous.features.map((f) => f.name) : Object.keys(segments[0]!.centroid);
  const onlyHere = names.filter((f) => !theirs.includes(f));
  const onlyThere = theirs.filter((f) => !names.includes(f));
  const catHere = Object.keys(prep.categorical ?? {});
  const catThere = previous.categorical ?? [];
  const catOnlyHere = catHere.filter((c) => !catThere.includes(c));
  const catOnlyThere = catThere.filter((c) => !catHere.includes(c));
  if (onlyHere.length || onlyThere.length || catOnlyHere.length || catOnlyThere.length) {
    const parts = [
      onlyHere.length ? `only in this run: ${onlyHere.join(', ')}` : '',
      onlyThere.length ? `only in the previous run: ${onlyThere.join(', ')}` : '',
      catOnlyHere.length ? `categorical only in this run: ${catOnlyHere.join(', ')}` : '',
      catOnlyThere.length ? `categorical only in the previous run: ${catOnlyThere.join(', ')}` : '',
    ].filter(Boolean);
    throw inputError({ summary: `${field}: the previous run was clustered on other features, so its segments cannot be matched to this run's.`, check: 'previous-features', what: parts.join('; '), where: { field, file: clusterFile }, fix: 'compare runs clustered on the same cluster.features (and cluster.categorical): re-run one of them with the other one\'s features' });
  }
  const data = new Float64Array(segments.length * names.length);
  segments.forEach((seg, r) => {
    names.forEach((f, j) => {
      const v = seg.centroid[f];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw inputError({ summary: `${field}: the previous run's cluster.json is damaged.`, check: 'previous-centre', what: `segment ${String(seg.id)} has no finite centre for ${f} (got ${JSON.stringify(v)})`, where: { field, file: clusterFile }, fix: 'run the previous quarter again, or give another run' });
      }
      data[r * names.length + j] = v;
    });
  });
  const centres = prep.toPrepared(new Matrix(data, segments.length, names.length, names));
  const sizes = Float64Array.from(segments, (s) => s.size);
  return { dir, clusterFile, ids: segments.map((s) => s.id), centres, sizes };
}

/**
 * The published side of an earlier run (PreviousRun is its matching side): run id and asOf from its manifest
 * (the folder name and null without one), its segments' sizes, and its personas when it has them.
 */
export function readPreviousPublication(run: PreviousRun): PreviousPublication {
  const manifestFile = join(run.dir, 'manifest.json');
  const manifest = existsSync(manifestFile) ? readRunFile(manifestFile, previousManifestSchema, HINT) : {};
  const personasFile = join(run.dir, 'personas.json');
  return {
    runId: manifest.runId ?? basename(run.dir),
    asOf: manifest.asOf ?? null,
    segments: readRunFile(run.clusterFile, previousClusterSchema, HINT).segments.map(({ id, size, share }) => ({ id, size, share })),
    personas: existsSync(personasFile) ? readRunFile(personasFile, previousPersonasSchema, HINT) : null,
  };
}

/** A run's published segment names (personas.json; suppressed segments have none), empty when it has no personas.json. */
export function publishedNames(dir: string): Map<number, string> {
  const file = join(dir, 'personas.json');
  if (!existsSync(file)) return new Map();
  const personas = readRunFile(file, previousPersonasSchema, HINT);
  return new Map(personas.segments.flatMap((s) => (s.suppressed ? [] : [[s.id, s.name] as [number, string]])));
}
