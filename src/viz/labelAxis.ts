/**
 * A categorical axis drawn as positions 0..n-1 with the labels as tick text. Plotly merges equal
 * category names into one bar or row; two segments may share a name, so position carries identity.
 */
export function labelAxis(labels: readonly string[]): { tickmode: 'array'; tickvals: number[]; ticktext: string[]; automargin: true } {
  return { tickmode: 'array', tickvals: labels.map((_, i) => i), ticktext: [...labels], automargin: true };
}
