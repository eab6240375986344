import { assertUnreachable } from '../core/assertUnreachable';
import type { PersonaInput } from './PersonaInput';
import type { KpiDefinition, KpiValues } from './PersonaResult';
import type { SegmentGroups } from './SegmentGroups';

/** KPI values per group (in group order) and for the whole base, one pass per source column. */
export function computeKpis(definitions: readonly KpiDefinition[], input: PersonaInput, groups: SegmentGroups): { perGroup: KpiValues[]; base: KpiValues } {
  const G = groups.count;
  const perGroup: KpiValues[] = Array.from({ length: G }, () => ({}));
  const base: KpiValues = {};
  const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
  for (const def of definitions) {
    switch (def.aggregate) {
      case 'count':
        for (let g = 0; g < G; g++) perGroup[g]![def.key] = groups.sizes[g]!;
        base[def.key] = groups.rows;
        break;
      case 'share':
        for (let g = 0; g < G; g++) perGroup[g]![def.key] = groups.sizes[g]! / groups.rows;
        base[def.key] = 1;
        break;
      case 'mean': {
        const m = groups.moments(input.numeric[def.source[0]!]!);
        for (let g = 0; g < G; g++) perGroup[g]![def.key] = finite(m.mean[g]!);
        base[def.key] = finite(m.baseMean);
        break;
      }
      case 'sumShare': {
        const m = groups.moments(input.numeric[def.source[0]!]!);
        for (let g = 0; g < G; g++) perGroup[g]![def.key] = m.baseSum ? m.sum[g]! / m.baseSum : null;
        base[def.key] = m.baseSum ? 1 : null;
        break;
      }
      case 'median': {
        const m = groups.medians(input.numeric[def.source[0]!]!);
        for (let g = 0; g < G; g++) perGroup[g]![def.key] = finite(m.median[g]!);
        base[def.key] = finite(m.base);
        break;
      }
      case 'ratioOfSums': {
        // Average order value = all spend / all orders of the group (not the mean of per-customer averages).
        const num = input.numeric[def.source[0]!]!;
        const den = input.numeric[def.source[1]!]!;
        const sn = new Float64Array(G);
        const sd = new Float64Array(G);
        for (let i = 0; i < num.length; i++) {
          const a = num[i]!;
          const b = den[i]!;
          if (a !== a || b !== b) continue;
          const g = groups.groupOf[i]!;
          sn[g]! += a;
          sd[g]! += b;
        }
        let tn = 0;
        let td = 0;
        for (let g = 0; g < G; g++) {
          perGroup[g]![def.key] = sd[g]! > 0 ? sn[g]! / sd[g]! : null;
          tn += sn[g]!;
          td += sd[g]!;
        }
        base[def.key] = td > 0 ? tn / td : null;
        break;
      }
      default:
        assertUnreachable(def.aggregate, 'KPI aggregate');
    }
  }
  return { perGroup, base };
}
