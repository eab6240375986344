import type { Locale } from '../core/Locale';

/** A table of words with every function kept as is: a translation must have exactly these keys. */
export type Texts<T> = { readonly [K in keyof T]: T[K] };

/** French typography: a no-break space before : ; ? ! so they never start a line. */
function frenchSpacing(text: string): string {
  return text.replace(/ ([:;?!])/g, '\u00a0$1');
}

function withFrenchSpacing<T extends object>(table: Texts<T>): Texts<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(table)) {
    out[key] = typeof value === 'function' ? (...args: unknown[]) => frenchSpacing((value as (...a: unknown[]) => string)(...args)) : frenchSpacing(value as string);
  }
  return out as Texts<T>;
}

/**
 * One table of words in every locale: English as written, French with its typography. Template text
 * contains none of < > & | * _ ` [ ] \ (a test checks every table), so a renderer may either escape the
 * whole result for its output (HTML or Markdown) or pass arguments it already escaped (e.g. markup
 * around a run id) and print the result as is.
 */
export function localTexts<T extends object>(en: T, fr: Texts<T>): Readonly<Record<Locale, Texts<T>>> {
  return { en, fr: withFrenchSpacing(fr) };
}
