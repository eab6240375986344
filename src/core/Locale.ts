/** Languages seglab writes reports and persona texts in. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** BCP 47 tag used for number and date formatting in each locale. */
export const INTL_TAG: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };
