import { describe, expect, it } from 'vitest';
import { cohensH } from '../../src/personas/nameSegments';
import { categoricalTraitPhrase, joinPhrases, numericTraitPhrase } from '../../src/personas/traitPhrase';

describe('trait phrases', () => {
  it('numeric traits in words, flags as their label or "no <label>"', () => {
    expect(numericTraitPhrase('tenure', 'tenure', 'value', 'lower', 'en')).toBe('short tenure');
    expect(numericTraitPhrase('tenure_days', 'Tenure (days)', 'days', 'higher', 'fr')).toBe('ancienneté longue');
    expect(numericTraitPhrase('age', 'Age', 'years', 'higher', 'en')).toBe('older');
    expect(numericTraitPhrase('partner', 'partner', 'flag', 'lower', 'en')).toBe('no partner');
    expect(numericTraitPhrase('senior_citizen', 'senior citizen', 'flag', 'higher', 'en')).toBe('senior citizen');
    expect(numericTraitPhrase('monthly_charges', 'monthly charges', 'value', 'higher', 'en')).toBe('high monthly charges');
    expect(numericTraitPhrase('balance', 'balance', 'value', 'lower', 'fr')).toBe('balance faible');
  });

  it('categorical values: yes/no as the label, self-describing values alone, others with their feature', () => {
    expect(categoricalTraitPhrase('Contract', 'Month-to-month', 'en')).toBe('Month-to-month');
    expect(categoricalTraitPhrase('internet service', 'No internet service', 'en')).toBe('No internet service');
    expect(categoricalTraitPhrase('online security', 'Yes', 'en')).toBe('online security');
    expect(categoricalTraitPhrase('online security', 'No', 'fr')).toBe('sans online security');
    expect(categoricalTraitPhrase('contract', 'Two year', 'en')).toBe('contract: Two year');
    expect(categoricalTraitPhrase('job', 'management', 'en')).toBe('job: management');
    expect(categoricalTraitPhrase('job', 'blue-collar', 'en')).toBe('blue-collar');
    expect(categoricalTraitPhrase('payment method', 'Credit card (automatic)', 'en')).toBe('payment method: Credit card (automatic)');
  });

  it('joins phrases, lower-casing inner words (not acronyms) and dropping repeats', () => {
    expect(joinPhrases(['short tenure', 'Month-to-month', 'internet service: DSL'])).toBe('Short tenure, month-to-month, internet service: DSL');
    expect(joinPhrases(['no phone service', 'multiple lines: No phone service', 'DSL'])).toBe('No phone service, DSL');
  });

  it("Cohen's h by hand", () => {
    expect(cohensH(0.5, 0.5)).toBe(0);
    expect(cohensH(1, 0)).toBeCloseTo(Math.PI, 12);
    expect(cohensH(0.75, 0.25)).toBeCloseTo(2 * Math.asin(Math.sqrt(0.75)) - 2 * Math.asin(Math.sqrt(0.25)), 14);
  });
});

describe('known values in the locale', () => {
  it('devices, channels and categories are translated; other values are data and stay', async () => {
    const { valueLabel, categoryLabel } = await import('../../src/personas/featureLabel');
    expect(valueLabel('desktop', 'fr')).toBe('ordinateur');
    expect(valueLabel('store', 'fr')).toBe('magasin');
    expect(valueLabel('non_binary', 'en')).toBe('non-binary');
    expect(valueLabel('Île-de-France', 'fr')).toBe('Île-de-France');
    expect(categoryLabel('home', 'fr')).toBe('maison');
    expect(categoryLabel('garden_tools', 'en')).toBe('garden tools');
  });
});

describe('flags name what most of the segment is', () => {
  it('a minority that is above the base is given with its share, a majority by its label', () => {
    expect(numericTraitPhrase('default', 'credit in default', 'flag', 'higher', 'en', 0.086)).toBe('credit in default 9%');
    expect(numericTraitPhrase('default', 'credit in default', 'flag', 'higher', 'en', 0.92)).toBe('credit in default');
    expect(numericTraitPhrase('housing', 'housing loan', 'flag', 'lower', 'en', 0.39)).toBe('no housing loan');
    expect(numericTraitPhrase('phone', 'phone service', 'flag', 'lower', 'fr', 0.7)).toBe('phone service 70\u00a0%');
  });
});
