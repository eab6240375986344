import { checkParam } from '../core/errors';

/**
 * Named RFM segments from the R score and the combined FM score (both 1..5, 5 = best).
 *
 * Source of the map: the 11 segments of Putler's RFM model ("RFM Analysis For Successful Customer
 * Segmentation", putler.com; R on one axis, F&M on the other: Champions, Loyal Customers, Potential
 * Loyalist, Recent Customers, Promising, Customers Needing Attention, About To Sleep, At Risk,
 * Can't Lose Them, Hibernating, Lost). Putler's published ranges overlap, so we use the cell-by-cell
 * form of that chart that public SQL implementations share (e.g. the BigQuery / Snowflake RFM
 * tutorials with `fm_score = ROUND((f_score + m_score) / 2)` and one CASE per (R, FM) cell):
 *
 *   R \ FM |  1              2                    3                    4                5
 *   -------+-----------------------------------------------------------------------------------
 *     5    |  New            Potential loyalists  Loyal                Champions        Champions
 *     4    |  Promising      Potential loyalists  Potential loyalists  Loyal            Champions
 *     3    |  Promising      Need attention       Potential loyalists  Loyal            Loyal
 *     2    |  About to sleep Need attention       Need attention       At risk          At risk
 *     1    |  Lost           Hibernating          At risk              Can't lose them  Can't lose them
 *
 * "Recent Customers" is called "New" here. Some copies leave the R=2, FM=1 cell empty; it is About to
 * sleep, as in Putler's ranges (About To Sleep: R 2-3, F&M 0-2). FM = (F + M) / 2 rounded half up,
 * i.e. floor((F + M + 1) / 2).
 */
export const RFM_SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential loyalists',
  'New',
  'Promising',
  'Need attention',
  'About to sleep',
  'At risk',
  "Can't lose them",
  'Hibernating',
  'Lost',
] as const;
export type RfmSegmentName = (typeof RFM_SEGMENTS)[number];

/** Label of customers in the base without any order before asOf (they have no R, F or M score). */
export const NO_PURCHASE_SEGMENT = 'No purchase';

/** RFM_GRID[r - 1][fm - 1]: the table above, bottom row first. */
export const RFM_GRID: readonly (readonly RfmSegmentName[])[] = [
  ['Lost', 'Hibernating', 'At risk', "Can't lose them", "Can't lose them"],
  ['About to sleep', 'Need attention', 'Need attention', 'At risk', 'At risk'],
  ['Promising', 'Need attention', 'Potential loyalists', 'Loyal', 'Loyal'],
  ['Promising', 'Potential loyalists', 'Potential loyalists', 'Loyal', 'Champions'],
  ['New', 'Potential loyalists', 'Loyal', 'Champions', 'Champions'],
];

/** Combined frequency-monetary score: (F + M) / 2 rounded half up. */
export function fmScore(f: number, m: number): number {
  return Math.floor((f + m + 1) / 2);
}

/** Segment of one customer from its 1..5 scores (5 = most recent / most frequent / highest spend). */
export function rfmSegment(r: number, f: number, m: number): RfmSegmentName {
  for (const [name, v] of [['r', r], ['f', f], ['m', m]] as const) {
    checkParam(Number.isInteger(v) && v >= 1 && v <= 5, `${name} score`, v, 'an integer 1..5');
  }
  return RFM_GRID[r - 1]![fmScore(f, m) - 1]!;
}

/**
 * The same map as a SQL CASE over integer expressions r and fm (one WHEN per segment, cells listed
 * explicitly so a reader can check it against the table). NULL r gives the no-purchase label.
 */
export function rfmSegmentSql(r: string, fm: string, indent = ''): string {
  const whens = RFM_SEGMENTS.map((name) => {
    const cells: string[] = [];
    RFM_GRID.forEach((row, ri) => {
      const fms = row.flatMap((cell, fi) => (cell === name ? [fi + 1] : []));
      if (fms.length === 1) cells.push(`(${r} = ${ri + 1} AND ${fm} = ${fms[0]})`);
      else if (fms.length > 1) cells.push(`(${r} = ${ri + 1} AND ${fm} IN (${fms.join(', ')}))`);
    });
    return `${indent}  WHEN ${cells.join(' OR ')} THEN '${name.replace(/'/g, "''")}'`;
  });
  return [`CASE`, `${indent}  WHEN ${r} IS NULL THEN '${NO_PURCHASE_SEGMENT}'`, ...whens, `${indent}END`].join('\n');
}
