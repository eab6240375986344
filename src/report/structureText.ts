import { assertUnreachable } from '../core/assertUnreachable';
import type { ReportContext } from './defineSection';
import { localTexts } from './localTexts';
import type { ReportData, SelectionCurves } from './ReportData';

/** Natural groups or a partition for action: the summary states it, the model section explains it. */
export const STRUCTURE_TEXTS = localTexts(
  {
    structureFound: (k: string, silhouette: string, stability: string) =>
      `The ${k} segments are natural groups in the data: the gap statistic points to ${k}, the silhouette is ${silhouette} and the segments hold under resampling (mean Jaccard ${stability}).`,
    structureNone: (k: string, why: string) =>
      `The data shows no natural groups (${why}): the ${k} segments are a partition for action, drawn where the customers differ most, not groups the customers fall into by themselves. Customers near the boundaries may move between segments from one quarter to the next.`,
    whyGapNotComputed: 'the gap statistic was not computed',
    whyGapNoStructure: 'the gap statistic finds no structure beyond one group',
    whyGapStillGrowing: (maxK: string) => `the gap statistic keeps growing up to k = ${maxK} without settling`,
    whyGapExcluded: (k: string) => `the gap statistic points to k = ${k}, which breaks the business limits`,
    whyLowSilhouette: (k: string, silhouette: string) => `at k = ${k}, where the gap statistic points, the silhouette is only ${silhouette}`,
    whyUnstable: (k: string, jaccard: string) => `the ${k} segments the gap statistic points to do not hold under resampling (mean Jaccard ${jaccard})`,
    partitionChoice: (k: string, from: string, to: string) => `k = ${k} is the number of segments from ${from} to ${to} that meets the business limits with the best silhouette.`,
    partitionNearest: (k: string, from: string, to: string) => `No number of segments from ${from} to ${to} meets the business limits; k = ${k} is the nearest that does.`,
  },
  {
    structureFound: (k, silhouette, stability) =>
      `Les ${k} segments sont des groupes naturels des données : la statistique du gap désigne ${k}, la silhouette vaut ${silhouette} et les segments résistent au rééchantillonnage (Jaccard moyen ${stability}).`,
    structureNone: (k, why) =>
      `Les données ne forment pas de groupes naturels (${why}) : les ${k} segments sont un découpage pour l’action, tracé là où les clients diffèrent le plus, et non des groupes dans lesquels les clients se rangent d’eux-mêmes. Les clients proches des frontières peuvent changer de segment d’un trimestre à l’autre.`,
    whyGapNotComputed: 'la statistique du gap n’a pas été calculée',
    whyGapNoStructure: 'la statistique du gap ne trouve pas de structure au-delà d’un seul groupe',
    whyGapStillGrowing: (maxK) => `la statistique du gap croît encore à k = ${maxK} sans se stabiliser`,
    whyGapExcluded: (k) => `la statistique du gap désigne k = ${k}, qui ne respecte pas les limites métier`,
    whyLowSilhouette: (k, silhouette) => `à k = ${k}, désigné par la statistique du gap, la silhouette ne vaut que ${silhouette}`,
    whyUnstable: (k, jaccard) => `les ${k} segments désignés par la statistique du gap ne résistent pas au rééchantillonnage (Jaccard moyen ${jaccard})`,
    partitionChoice: (k, from, to) => `k = ${k} est le nombre de segments entre ${from} et ${to} qui respecte les limites métier avec la meilleure silhouette.`,
    partitionNearest: (k, from, to) => `Aucun nombre de segments entre ${from} et ${to} ne respecte les limites métier ; k = ${k} est le plus proche qui les respecte.`,
  },
);

/**
 * Whether the segments are natural groups of the data or a partition for action, and why, in the report's
 * language (from the structured verdict, never from the English sentences of cluster.json). Null when the
 * rule did not test it (k set in the config, or another rule).
 */
export function structureText(c: ReportData['clustering'], ctx: ReportContext): { found: boolean; text: string } | null {
  const s = c.selection?.structure;
  if (!s || c.kSource !== 'auto') return null;
  const { fmt } = ctx;
  const t = STRUCTURE_TEXTS[ctx.data.locale];
  const k = fmt.integer(c.k);
  const check = s.check;
  switch (check.code) {
    case 'found':
      return { found: true, text: t.structureFound(k, fmt.number(check.silhouette, 2), fmt.number(check.stability, 2)) };
    case 'gap-not-computed':
      return { found: false, text: t.structureNone(k, t.whyGapNotComputed) };
    case 'gap-no-structure':
      return { found: false, text: t.structureNone(k, t.whyGapNoStructure) };
    case 'gap-still-growing':
      return { found: false, text: t.structureNone(k, t.whyGapStillGrowing(fmt.integer(check.maxK))) };
    case 'gap-excluded':
      return { found: false, text: t.structureNone(k, t.whyGapExcluded(fmt.integer(check.k))) };
    case 'low-silhouette':
      return { found: false, text: t.structureNone(k, t.whyLowSilhouette(fmt.integer(check.k), fmt.number(check.silhouette, 2))) };
    case 'unstable':
      return { found: false, text: t.structureNone(k, t.whyUnstable(fmt.integer(check.k), fmt.number(check.stability, 2))) };
    default:
      return assertUnreachable(check, 'structure check');
  }
}

/** How k was picked within the preferred range when the data has no natural groups. */
export function partitionText(sel: SelectionCurves, ctx: ReportContext): string | null {
  const s = sel.structure;
  if (!s || s.found || sel.recommendedK === null) return null;
  const { fmt } = ctx;
  const t = STRUCTURE_TEXTS[ctx.data.locale];
  const [from, to] = s.preferredK;
  const k = sel.recommendedK;
  return k >= from && k <= to ? t.partitionChoice(fmt.integer(k), fmt.integer(from), fmt.integer(to)) : t.partitionNearest(fmt.integer(k), fmt.integer(from), fmt.integer(to));
}
