import { readFileSync } from 'node:fs';

/**
 * plotly.js for the report, inlined so the file works offline. The cartesian bundle (bar, scatter,
 * heatmap, …: every trace seglab draws) is 1.4 MB; the full bundle is 4.85 MB and would push a report
 * past the 5 MB a mail gateway accepts.
 */
export function plotlyBundleSource(): string {
  return readFileSync(require.resolve('plotly.js-cartesian-dist-min/plotly-cartesian.min.js'), 'utf8');
}
