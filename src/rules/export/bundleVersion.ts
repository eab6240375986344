/** 1 + the highest version already written for this bundle name among `existing` file names (versions are never reused). */
export function nextBundleVersion(existing: readonly string[], name: string): number {
  const re = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.v(\\d+)\\.json$`);
  const taken = existing.map((f) => re.exec(f)?.[1]).filter((v): v is string => v !== undefined).map(Number);
  return taken.length ? Math.max(...taken) + 1 : 1;
}

/** A rule spec's name as a bundle file name: lower case, runs of other characters as one '-'. */
export function bundleSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'rules';
}
