import { resolve } from 'node:path';
import { silentProgress, type Progress } from '../core/progress';
import { parseSegmentMix } from '../synth/parseSegmentMix';
import type { SynthParams } from '../synth/synthParams';
import { writeSynthetic, type SynthSummary } from '../synth/writeSynthetic';

/**
 * `seglab synth`: write a synthetic data set to `outDir`. `mix` is the segment mix as text
 * (lapsed=0.3,promo_hunter=0.25), read by the same rules as the library's `segmentMix`; `mixOption` names it in errors.
 */
export async function synthesise(params: Omit<SynthParams, 'segmentMix'> & { mix?: string }, outDir: string, options: { progress?: Progress; mixOption?: string } = {}): Promise<SynthSummary> {
  const { mix, ...rest } = params;
  const segmentMix = mix === undefined ? undefined : parseSegmentMix(mix, options.mixOption ?? 'mix');
  return writeSynthetic({ ...rest, ...(segmentMix ? { segmentMix } : {}) }, resolve(outDir), options.progress ?? silentProgress);
}
