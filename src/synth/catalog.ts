/** Product categories of the synthetic shop: what a basket costs, what a unit costs, how often it comes back. */
export type Category = 'fashion' | 'beauty' | 'home' | 'electronics' | 'sports' | 'kids' | 'food';

export interface CategorySpec {
  name: Category;
  /** Multiplier on the customer's median basket (electronics baskets are dearer than groceries). */
  basketFactor: number;
  /** Typical price of one item, to turn an amount into a plausible item count. */
  unitPrice: number;
  /** Share of orders returned (fashion: wrong size). */
  returnRate: number;
}

export const CATEGORIES: readonly CategorySpec[] = [
  { name: 'fashion', basketFactor: 1.0, unitPrice: 38, returnRate: 0.14 },
  { name: 'beauty', basketFactor: 0.6, unitPrice: 22, returnRate: 0.03 },
  { name: 'home', basketFactor: 1.3, unitPrice: 45, returnRate: 0.05 },
  { name: 'electronics', basketFactor: 2.0, unitPrice: 140, returnRate: 0.06 },
  { name: 'sports', basketFactor: 1.1, unitPrice: 50, returnRate: 0.07 },
  { name: 'kids', basketFactor: 0.8, unitPrice: 25, returnRate: 0.06 },
  { name: 'food', basketFactor: 0.5, unitPrice: 9, returnRate: 0.01 },
];

export const CATEGORY_COUNT = CATEGORIES.length;

/** Interests asked in the survey map one to one onto the categories, so an interest shows in baskets. */
export const INTERESTS: readonly Category[] = CATEGORIES.map((c) => c.name);
