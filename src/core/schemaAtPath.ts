import { z, type ZodTypeAny } from 'zod';

/**
 * What a zod schema declares at a dotted path (`cluster.k`, `data.transactions.path`): the schemas a
 * value there must satisfy (several under a union), or where the path leaves the schema and which keys
 * were allowed there. Used to check `--set cluster.k=4` before it touches the config and to type its value.
 */
export type SchemaAtPath =
  | { found: true; schemas: ZodTypeAny[] }
  | {
      found: false;
      /** Number of leading path segments that exist (path.slice(0, depth) is a section). */
      depth: number;
      /** Keys allowed at that section, or [] when path.slice(0, depth) is a value, not a section. */
      allowed: string[];
    };

export function schemaAtPath(schema: ZodTypeAny, path: readonly string[]): SchemaAtPath {
  let current: ZodTypeAny[] = [schema];
  for (let depth = 0; depth < path.length; depth++) {
    const next: ZodTypeAny[] = [];
    const allowed = new Set<string>();
    for (const s of current) {
      const c = childrenOf(s, path[depth]!);
      if (Array.isArray(c)) next.push(...c);
      else c.allowed.forEach((k) => allowed.add(k));
    }
    if (!next.length) return { found: false, depth, allowed: [...allowed] };
    current = next;
  }
  return { found: true, schemas: current };
}

/** Dotted paths of object keys named `key`, e.g. "k" → ["cluster.k"] (objects only, no records or lists). */
export function pathsNamed(schema: ZodTypeAny, key: string, maxDepth = 4): string[] {
  const found: string[] = [];
  const walk = (s: ZodTypeAny, prefix: string[]): void => {
    if (prefix.length >= maxDepth) return;
    for (const option of alternatives(unwrap(s))) {
      if (!(option instanceof z.ZodObject)) continue;
      for (const [k, child] of Object.entries(option.shape as Record<string, ZodTypeAny>)) {
        const p = [...prefix, k];
        if (k === key && !found.includes(p.join('.'))) found.push(p.join('.'));
        walk(child, p);
      }
    }
  };
  walk(schema, []);
  return found;
}

/** The schemas a child key of `s` must satisfy, or the keys `s` allows ([] for a plain value). */
function childrenOf(s: ZodTypeAny, key: string): ZodTypeAny[] | { allowed: string[] } {
  const children: ZodTypeAny[] = [];
  const allowed: string[] = [];
  for (const u of alternatives(unwrap(s))) {
    if (u instanceof z.ZodObject) {
      const shape = u.shape as Record<string, ZodTypeAny>;
      if (Object.prototype.hasOwnProperty.call(shape, key)) children.push(shape[key]!);
      else if (!(u._def.catchall instanceof z.ZodNever)) children.push(u._def.catchall as ZodTypeAny);
      else if (u._def.unknownKeys === 'passthrough') children.push(z.unknown());
      // 'strip' would drop an unknown key silently: refuse it like 'strict'.
      else allowed.push(...Object.keys(shape));
    } else if (u instanceof z.ZodRecord) {
      children.push(u._def.valueType as ZodTypeAny);
    } else if (u instanceof z.ZodArray) {
      if (/^\d+$/.test(key)) children.push(u.element as ZodTypeAny);
    } else if (u instanceof z.ZodTuple) {
      const items = u.items as ZodTypeAny[];
      if (/^\d+$/.test(key) && Number(key) < items.length) children.push(items[Number(key)]!);
      else allowed.push(...items.map((_, i) => String(i)));
    } else if (u instanceof z.ZodIntersection) {
      const both = [childrenOf(u._def.left as ZodTypeAny, key), childrenOf(u._def.right as ZodTypeAny, key)];
      for (const c of both) {
        if (Array.isArray(c)) children.push(...c);
        else allowed.push(...c.allowed);
      }
    }
  }
  return children.length ? children : { allowed: [...new Set(allowed)] };
}

/** The options of a union (each unwrapped), or the schema itself. */
function alternatives(s: ZodTypeAny): ZodTypeAny[] {
  if (s instanceof z.ZodUnion || s instanceof z.ZodDiscriminatedUnion) {
    return (s.options as ZodTypeAny[]).flatMap((o) => alternatives(unwrap(o)));
  }
  return [s];
}

/** Strip defaults, optionals, refinements and other wrappers down to the schema that has the structure. */
function unwrap(s: ZodTypeAny): ZodTypeAny {
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodCatch || s instanceof z.ZodReadonly) s = s._def.innerType as ZodTypeAny;
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as ZodTypeAny;
    else if (s instanceof z.ZodEffects) s = s.innerType() as ZodTypeAny;
    else if (s instanceof z.ZodBranded) s = s.unwrap() as ZodTypeAny;
    else if (s instanceof z.ZodPipeline) s = s._def.in as ZodTypeAny;
    else if (s instanceof z.ZodLazy) s = s.schema as ZodTypeAny;
    else return s;
  }
}
