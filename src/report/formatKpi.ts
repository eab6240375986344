import { assertUnreachable } from '../core/assertUnreachable';
import type { LocaleFormatter } from '../core/localeFormatter';
import type { KpiUnit } from '../personas/PersonaResult';

/** A KPI value by its unit, by the formatter's one rule: counts, shares, money, measures (orders per customer), days. */
export function formatKpi(fmt: LocaleFormatter, unit: KpiUnit, value: number | null): string {
  switch (unit) {
    case 'count':
      return fmt.integer(value);
    case 'share':
      return fmt.percent(value);
    case 'currency':
      return fmt.money(value);
    case 'orders':
      return fmt.number(value);
    case 'days':
      return fmt.days(value);
    default:
      return assertUnreachable(unit, 'KPI unit');
  }
}
