import { resolve } from 'node:path';
import { bundleMoves, formatBundleMoves } from '../rules/bundleMoves';
import { diffBundles, formatBundleDiff } from '../rules/diffBundles';
import { readBundle, readScoringInput } from './scoreWithBundle';

/**
 * `seglab diff-rules`: what changed between two bundle files, in words, and with `input` (customers with the
 * fields both read) how many would change segment or score. Bundles of different kinds are refused (InputError).
 */
export async function diffRuleBundles(olderPath: string, newerPath: string, options: { input?: string } = {}): Promise<{ identical: boolean; text: string }> {
  const older = readBundle(resolve(olderPath));
  const newer = readBundle(resolve(newerPath));
  const diff = diffBundles(older, newer);
  const lines = [formatBundleDiff(diff)];
  if (options.input) {
    const fields = [...new Set([...older.fields, ...newer.fields].map((f) => f.name))];
    const columns = await readScoringInput(resolve(options.input), fields);
    const named = [...older.segments, ...newer.segments, older.fallback, newer.fallback].flatMap((s) => (s ? [[s.id, s.names.en] as const] : []));
    const names = new Map<number, string>(named);
    lines.push(formatBundleMoves(bundleMoves(older, newer, columns), (id) => names.get(id), options.input));
  }
  return { identical: diff.identical, text: lines.join('\n') };
}
