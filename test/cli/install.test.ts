import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers';

const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('installing seglab', () => {
  // npm 11 warns "N packages have install scripts not yet covered by allowScripts" for every package with
  // an install script that package.json's allowScripts neither allows nor denies.
  it('allowScripts decides on every locked package with an install script, and on nothing else', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
      .sort();
    expect(withScripts.length).toBeGreaterThan(0);
    const allow = (JSON.parse(read('package.json')) as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
    expect(Object.keys(allow).sort()).toEqual(withScripts);
    for (const v of Object.values(allow)) expect(typeof v).toBe('boolean');
  });

  it('the quick start installs the prerequisites before `npm test` needs them, the packages CI installs', () => {
    const readme = read('README.md');
    const quick = readme.slice(readme.indexOf('## Quick start'));
    const block = /```sh\n([\s\S]*?)```/.exec(quick)![1]!.split('\n');
    const line = (re: RegExp) => block.findIndex((l) => re.test(l));
    const apt = line(/apt-get install/);
    const npmInstall = line(/^npm install\b/);
    const kernel = line(/^npx tslab install/);
    const npmTest = line(/^npm test\b/);
    expect([apt, npmInstall, kernel, npmTest].every((i) => i >= 0), block.join('\n')).toBe(true);
    expect(apt).toBeLessThan(npmTest);
    expect(npmInstall).toBeLessThan(kernel); // npx tslab needs node_modules
    expect(kernel).toBeLessThan(npmTest);
    const ciPackages = /APT_PACKAGES=\(([^)]*)\)/.exec(read('.ci/run'))![1]!.trim().split(/\s+/);
    const readmePackages = block[apt]!.slice(block[apt]!.indexOf('install -y') + 'install -y'.length).trim().split(/\s+/);
    expect(readmePackages.sort()).toEqual(ciPackages.sort());
  });
});
