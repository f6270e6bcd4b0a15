import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * pkilab's version, from the package.json of the folder it runs from: the nearest one named pkilab above
 * this module (the sources and the build in dist/ sit at different depths).
 */
export const pkilabVersion = (): string => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pkilab' && pkg.version) return pkg.version;
    } catch {
      // no package.json here: look one folder up
    }
    if (dirname(dir) === dir) return 'unknown';
  }
};
