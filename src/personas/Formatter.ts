import { INTL_TAG, type Locale } from '../core/Locale';

/** Numbers as a reader of the given locale expects them (persona texts are plain strings). */
export class Formatter {
  private readonly tag: string;

  constructor(
    readonly locale: Locale,
    readonly currency: string | null,
  ) {
    this.tag = INTL_TAG[locale];
  }

  /** A count or a measure with at most `digits` decimals (default: 0 for large values, 1 below 10). */
  num(v: number, digits?: number): string {
    const d = digits ?? (Math.abs(v) >= 10 ? 0 : 1);
    return new Intl.NumberFormat(this.tag, { maximumFractionDigits: d, minimumFractionDigits: 0 }).format(v);
  }

  /** 0.253 → "25%" (en) / "25 %" (fr); one decimal below 10%. */
  pct(share: number): string {
    const digits = Math.abs(share) < 0.1 && share !== 0 ? 1 : 0;
    return new Intl.NumberFormat(this.tag, { style: 'percent', maximumFractionDigits: digits }).format(share);
  }

  money(v: number): string {
    const digits = Math.abs(v) >= 100 ? 0 : 2;
    if (!this.currency) return this.num(v, digits);
    return new Intl.NumberFormat(this.tag, { style: 'currency', currency: this.currency, maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
  }

  /** Lift as a multiplier: "×1.8" / "×1,8". */
  lift(v: number): string {
    return `×${this.num(v, v >= 10 ? 0 : 1)}`;
  }

  /** A duration in days as a reader says it: "45 days", "8 months", "2.3 years" (and in French). */
  days(v: number): string {
    const en = this.locale === 'en';
    if (v < 60) {
      const d = Math.round(v);
      return en ? `${d} day${d === 1 ? '' : 's'}` : `${d} jour${d > 1 ? 's' : ''}`;
    }
    if (v < 730) {
      const m = Math.round(v / 30.44);
      return en ? `${m} months` : `${m} mois`;
    }
    const y = this.num(v / 365.25, 1);
    return en ? `${y} years` : `${y} ans`;
  }
}
