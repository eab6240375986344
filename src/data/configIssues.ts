import type { ZodIssue } from 'zod';

/**
 * A value that fits none of a union's shapes gives one "invalid_union" issue. When the value has the
 * type of exactly one shape (e.g. an object where a word or a map is allowed), that shape's own issues
 * say more (which key, which value); otherwise the union's message stays.
 */
export function flattenUnionIssues(issues: readonly ZodIssue[]): ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union') return [issue];
    const depth = issue.path.length;
    const typed = issue.unionErrors
      .map((e) => e.issues)
      .filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === depth));
    return typed.length === 1 ? flattenUnionIssues(typed[0]!) : [issue];
  });
}
