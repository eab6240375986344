// The contract suite covers every registry and every entry: a registry or an entry without a fixture
// fails here, so nothing registered escapes the contracts in this folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REGISTRIES } from './fixtures';

/** Every `new Registry('<what>', …)` in src/. */
function registriesInSource(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...registriesInSource(path));
    else if (name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/new Registry\(\s*'([^']+)'/g)) found.push(m[1]!);
  }
  return found;
}

describe('contract coverage', () => {
  it('every registry in src/ is under contract', () => {
    const inSource = registriesInSource(join(__dirname, '..', '..', 'src')).sort();
    expect(inSource.length).toBeGreaterThanOrEqual(5);
    expect(REGISTRIES.map((r) => r.what).sort()).toEqual(inSource);
  });

  it.each(REGISTRIES.map((r) => [r.what, r] as const))('every %s has a fixture, and every fixture a registered entry', (what, registry) => {
    const fixtures = FIXTURES[what] ?? {};
    expect(registry.names.filter((name) => !(name in fixtures)), `registered ${what}s without a contract fixture`).toEqual([]);
    expect(Object.keys(fixtures).filter((name) => !registry.has(name)), `fixtures of no registered ${what}`).toEqual([]);
  });

  it.each(REGISTRIES.flatMap((r) => r.list().map((e) => [r.what, e.name, e] as const)))('%s %s declares its metadata: description, params schema with defaults, accepted data', (_what, _name, entry) => {
    expect(entry.description.length).toBeGreaterThan(20);
    expect(typeof entry.accepts).toBe('string');
    expect(entry.params._def.typeName).toBe('ZodObject');
    // Every param says what it takes (parseParams' message), and the schema refuses unknown keys.
    for (const [key, field] of Object.entries(entry.params.shape as Record<string, { description?: string }>)) expect(field.description, key).toBeTruthy();
    expect(entry.params._def.unknownKeys).toBe('strict');
  });
});
