// Checks every package manifest against the conventions of SPEC §2 and STYLE.md, so a publishing
// mistake (a missing `types` condition, a `workspace:*` range, a dependency pointing the wrong way)
// fails here rather than for a user.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const rootManifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { workspaces: string[] };
const packageDirectories = rootManifest.workspaces.filter((workspace) => workspace.startsWith('packages/'));

type Manifest = {
  name: string;
  version: string;
  type?: string;
  private?: boolean;
  engines?: { node?: string };
  sideEffects?: boolean;
  exports?: Record<string, unknown>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

const manifests = new Map<string, Manifest>(
  packageDirectories.map((directory) => [directory, JSON.parse(readFileSync(`${root}${directory}/package.json`, 'utf8')) as Manifest]),
);
const versions = new Map([...manifests.values()].map((manifest) => [manifest.name, manifest.version]));

// Who may depend on whom (SPEC §2 "Dependency direction").
const allowedInternalDependencies: Record<string, string[]> = {
  '@loomworks/prompts': [],
  '@loomworks/core': ['@loomworks/prompts'],
  '@loomworks/anthropic': ['@loomworks/core', '@loomworks/prompts'],
  '@loomworks/store-sqlite': ['@loomworks/core'],
  '@loomworks/store-postgres': ['@loomworks/core'],
  '@loomworks/auth': ['@loomworks/core'],
  '@loomworks/testkit': ['@loomworks/core', '@loomworks/prompts'],
  '@loomworks/cli': [
    '@loomworks/core',
    '@loomworks/prompts',
    '@loomworks/anthropic',
    '@loomworks/store-sqlite',
    '@loomworks/store-postgres',
  ],
};

describe('workspace packages', () => {
  it('lists every package of SPEC §2', () => {
    expect([...manifests.values()].map((manifest) => manifest.name).sort()).toEqual(
      Object.keys(allowedInternalDependencies).sort(),
    );
  });

  describe.each(packageDirectories)('%s', (directory) => {
    const manifest = manifests.get(directory)!;

    it('is an ESM package for Node >=20.19 with no side effects', () => {
      expect(manifest.name).toBe(`@loomworks/${directory.slice('packages/'.length)}`);
      expect(manifest.type).toBe('module');
      expect(manifest.engines?.node).toBe('>=20.19');
      expect(manifest.sideEffects).toBe(false);
      expect(manifest.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    });

    it('has one public entry with `types` first, plus ./package.json', () => {
      const exportsMap = manifest.exports ?? {};
      expect(Object.keys(exportsMap).slice(0, 2)).toEqual(['.', './package.json']);
      for (const [subpath, target] of Object.entries(exportsMap)) {
        if (subpath === './package.json') continue;
        expect(Object.keys(target as object)[0], subpath).toBe('types');
      }
    });

    it('publishes an allow-list of files and has a README', () => {
      expect(manifest.files).toContain('dist');
      expect(existsSync(`${root}${directory}/README.md`)).toBe(true);
    });

    it('builds to files that its exports map points at, exporting the same names as its source', async () => {
      const entry = (manifest.exports?.['.'] ?? {}) as { types?: string; import?: string };
      expect(existsSync(`${root}${directory}/${entry.types}`), entry.types).toBe(true);
      expect(existsSync(`${root}${directory}/${entry.import}`), entry.import).toBe(true);
      const built = await import(`${root}${directory}/${entry.import}`);
      const source = await import(`${root}${directory}/src/index.ts`);
      expect(Object.keys(built).sort()).toEqual(Object.keys(source).sort());
    });

    it('depends on sibling packages by real semver ranges, in the allowed direction only', () => {
      const internal = Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies }).filter(([name]) =>
        name.startsWith('@loomworks/'),
      );
      for (const [name, range] of internal) {
        expect(allowedInternalDependencies[manifest.name], `${manifest.name} → ${name}`).toContain(name);
        expect(range, `${name} range`).toBe(`^${versions.get(name)}`);
      }
    });
  });
});
