import type { Locale } from '../core/Locale';

type Labels = Record<Locale, string>;

/** Labels of the features seglab computes (src/features); other columns are labelled by their name. */
const FIXED: Record<string, Labels> = {
  recency_days: { en: 'Days since last order', fr: 'Jours depuis la dernière commande' },
  frequency: { en: 'Orders (all time)', fr: 'Commandes (total)' },
  monetary_total: { en: 'Spend (all time)', fr: 'Dépense totale' },
  // Not "Average order value": that name is the KPI (all spend / all orders); this is the mean of each
  // customer's own average, which weighs a one-order customer like a regular.
  monetary_avg: { en: 'Average basket per customer', fr: 'Panier moyen par client' },
  avg_items_per_order: { en: 'Items per order', fr: 'Articles par commande' },
  r_score: { en: 'R score', fr: 'Score R' },
  f_score: { en: 'F score', fr: 'Score F' },
  m_score: { en: 'M score', fr: 'Score M' },
  rfm_segment: { en: 'RFM segment', fr: 'Segment RFM' },
  orders_trend: { en: 'Order trend', fr: 'Tendance des commandes' },
  spend_trend: { en: 'Spend trend', fr: 'Tendance des dépenses' },
  tenure_days: { en: 'Tenure (days)', fr: 'Ancienneté (jours)' },
  interpurchase_days: { en: 'Days between orders', fr: 'Jours entre deux commandes' },
  discount_share: { en: 'Orders with a discount', fr: 'Commandes avec remise' },
  product_views_365d: { en: 'Product views, 12 months', fr: 'Produits consultés, 12 mois' },
  cart_abandonment_rate: { en: 'Cart abandonment rate', fr: "Taux d'abandon de panier" },
  email_open_rate: { en: 'Email open rate', fr: "Taux d'ouverture des e-mails" },
  email_click_rate: { en: 'Email click rate', fr: 'Taux de clic des e-mails' },
  days_since_last_session: { en: 'Days since last visit', fr: 'Jours depuis la dernière visite' },
  age: { en: 'Age', fr: 'Âge' },
  gender: { en: 'Gender', fr: 'Genre' },
  region: { en: 'Region', fr: 'Région' },
  city: { en: 'City', fr: 'Ville' },
  income_band: { en: 'Income band', fr: 'Tranche de revenu' },
  device: { en: 'Device', fr: 'Appareil' },
  acquisition_channel: { en: 'Acquisition channel', fr: "Canal d'acquisition" },
  email_opt_in: { en: 'Email opt-in', fr: 'Consentement e-mail' },
  interests: { en: 'Interests', fr: "Centres d'intérêt" },
  price_sensitivity: { en: 'Price sensitivity', fr: 'Sensibilité au prix' },
  eco_consciousness: { en: 'Eco-consciousness', fr: 'Sensibilité écologique' },
};

const CHANNELS: Record<string, Labels> = {
  web: { en: 'web', fr: 'site web' },
  app: { en: 'app', fr: 'application' },
  store: { en: 'store', fr: 'magasin' },
  other: { en: 'other channels', fr: 'autres canaux' },
};

/**
 * Values seglab's own data and common CRM exports use, in each locale (devices, channels, categories,
 * genders, acquisition channels). Any other value is data and is shown as it is.
 */
const VALUES: Record<string, Labels> = {
  mobile: { en: 'mobile', fr: 'mobile' },
  desktop: { en: 'desktop', fr: 'ordinateur' },
  tablet: { en: 'tablet', fr: 'tablette' },
  web: { en: 'web', fr: 'site web' },
  app: { en: 'app', fr: 'application' },
  store: { en: 'store', fr: 'magasin' },
  fashion: { en: 'fashion', fr: 'mode' },
  beauty: { en: 'beauty', fr: 'beauté' },
  home: { en: 'home', fr: 'maison' },
  electronics: { en: 'electronics', fr: 'électronique' },
  sports: { en: 'sports', fr: 'sport' },
  kids: { en: 'kids', fr: 'enfants' },
  food: { en: 'food', fr: 'alimentation' },
  female: { en: 'female', fr: 'femme' },
  male: { en: 'male', fr: 'homme' },
  non_binary: { en: 'non-binary', fr: 'non binaire' },
  organic_search: { en: 'organic search', fr: 'recherche naturelle' },
  paid_search: { en: 'paid search', fr: 'recherche payante' },
  paid_social: { en: 'paid social', fr: 'réseaux sociaux payants' },
  referral: { en: 'referral', fr: 'parrainage' },
  email: { en: 'email', fr: 'e-mail' },
  affiliate: { en: 'affiliate', fr: 'affiliation' },
  direct: { en: 'direct', fr: 'accès direct' },
};

/** A categorical value in the locale when it is one of the known values above; any other value as it is. */
export function valueLabel(value: string, locale: Locale): string {
  return VALUES[value]?.[locale] ?? value;
}

/** A channel name (web, app, store, …) in the locale; unknown channels keep their name. */
export function channelLabel(channel: string, locale: Locale): string {
  return CHANNELS[channel]?.[locale] ?? channel.replace(/_/g, ' ');
}

/** A category name from a cat_share_<name> column, readable ("other" translated). */
export function categoryLabel(category: string, locale: Locale): string {
  if (category === 'other') return locale === 'en' ? 'other categories' : 'autres catégories';
  return VALUES[category]?.[locale] ?? category.replace(/_/g, ' ');
}

/** Human label of a feature column in the locale. */
export function featureLabel(name: string, locale: Locale): string {
  const fixed = FIXED[name];
  if (fixed) return fixed[locale];
  let m = /^(orders|spend|sessions)_(\d+)d$/.exec(name);
  if (m) {
    const [, what, days] = m;
    const en = { orders: 'Orders', spend: 'Spend', sessions: 'Sessions' }[what as 'orders'];
    const fr = { orders: 'Commandes', spend: 'Dépense', sessions: 'Sessions' }[what as 'orders'];
    return locale === 'en' ? `${en}, last ${days} days` : `${fr}, ${days} derniers jours`;
  }
  m = /^cat_share_(.+)$/.exec(name);
  if (m) return locale === 'en' ? `Share of spend: ${categoryLabel(m[1]!, locale)}` : `Part des dépenses : ${categoryLabel(m[1]!, locale)}`;
  m = /^channel_share_(.+)$/.exec(name);
  if (m) return locale === 'en' ? `Orders via ${channelLabel(m[1]!, locale)}` : `Commandes via ${channelLabel(m[1]!, locale)}`;
  return name.replace(/_/g, ' ');
}
