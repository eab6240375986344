import type { z } from 'zod';
import { UsageError } from './errors';

/**
 * What every pluggable algorithm declares once, where it is defined: clusterers, transformers,
 * k-selection criteria today; classifiers, CLV models, drift and experiment tests as they arrive.
 * A registry adds its own fields (how to build the thing, how to restore it from JSON, …).
 */
export interface RegistryEntry<Name extends string = string, Params extends z.AnyZodObject = z.AnyZodObject, Accepts extends string = string> {
  /** The name configs, saved models and messages use ('kmeans', 'StandardScaler', 'silhouette'). */
  readonly name: Name;
  /** One sentence: what it is for. */
  readonly description: string;
  /**
   * Its parameters, declared once: each field with its default and, as `.describe()`, what it takes
   * (parseParams turns a bad value into "Invalid <who> <param>: got …, expected <that>."). The
   * constructor validates with it, the saved model and the run config reuse it.
   */
  readonly params: Params;
  /** What data it takes, in the registry's own words ('numeric', 'mixed', 'text', …). */
  readonly accepts: Accepts;
}

/**
 * A fixed set of entries, registered once at module load (no import-order side effects), with typed
 * lookup by literal name: `CLUSTERERS.get('kmeans')` is the k-means entry, and `names` feeds `z.enum`.
 */
export class Registry<E extends RegistryEntry> {
  /** Every name in registration order (a non-empty tuple, as z.enum wants). */
  readonly names: readonly [E['name'], ...E['name'][]];
  private readonly byName: ReadonlyMap<string, E>;

  /** `what` names the kind of entry in messages ("clustering algorithm", "transformer"). */
  constructor(
    readonly what: string,
    entries: readonly E[],
  ) {
    if (entries.length === 0) throw new Error(`A registry of ${what}s needs at least one entry.`);
    const byName = new Map<string, E>();
    for (const entry of entries) {
      if (byName.has(entry.name)) throw new Error(`${what} "${entry.name}" is registered twice.`);
      byName.set(entry.name, entry);
    }
    this.byName = byName;
    this.names = entries.map((e) => e.name) as [E['name'], ...E['name'][]];
  }

  /** Whether a value (from a config, a saved model, a user) is a registered name. */
  has(name: unknown): name is E['name'] {
    return typeof name === 'string' && this.byName.has(name);
  }

  /** The entry of a name the compiler knows (typed by that name). */
  get<N extends E['name']>(name: N): Extract<E, { name: N }> {
    return this.lookup(name) as Extract<E, { name: N }>;
  }

  /** The entry of a name from outside (config, JSON): an unknown one is a UsageError listing the known names. */
  lookup(name: unknown, where?: string): E {
    if (this.has(name)) return this.byName.get(name)!;
    throw new UsageError(`Unknown ${this.what} ${JSON.stringify(name)}${where ? ` (${where})` : ''}: expected one of ${this.names.join(', ')}.`);
  }

  /** Every entry, in registration order. */
  list(): readonly E[] {
    return [...this.byName.values()];
  }
}
