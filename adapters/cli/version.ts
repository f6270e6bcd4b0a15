import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder pkilab runs from: the nearest one above this module whose package.json is pkilab's (the sources and
 * the build in dist/ sit at different depths), with that package.json; undefined when there is none.
 */
export const pkilabRoot = (): { dir: string; version?: string } | undefined => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pkilab') return { dir, ...(pkg.version ? { version: pkg.version } : {}) };
    } catch {
      // no package.json here: look one folder up
    }
    if (dirname(dir) === dir) return undefined;
  }
};

/** pkilab's version, from its package.json. */
export const pkilabVersion = (): string => pkilabRoot()?.version ?? 'unknown';
