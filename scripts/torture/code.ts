import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../test/support/processes.ts';

/** The commit the processes run, for the record. */
export const head = (): string => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
};

/**
 * The code every pkilab process runs (bin, adapters, domain, workflows, projections, as they are on disk):
 * others may change it during a long run, and figures of labs written and read by two versions mean little.
 */
export const codeFiles = async (): Promise<Map<string, string>> => {
  const files = new Map<string, string>();
  for (const top of ['bin', 'adapters', 'domain', 'workflows', 'projections']) {
    const names = await readdir(join(repoRoot, top), { recursive: true }).catch(() => [] as string[]);
    for (const name of names.filter((n) => /\.(ts|tsx|mjs|js)$/.test(n)).sort()) {
      const text = await readFile(join(repoRoot, top, name)).catch(() => undefined);
      if (text) files.set(`${top}/${name}`, createHash('sha1').update(text).digest('hex'));
    }
  }
  return files;
};

/** A line saying whether the code pkilab runs changed between `before` and now. */
export const codeChangeLine = async (before: Map<string, string>): Promise<string> => {
  const after = await codeFiles();
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
  if (changed.length === 0) return `  the code pkilab runs did not change during the torture (${before.size} files, commit ${head()})`;
  return `  WARNING: the code pkilab runs changed during the torture (${changed.slice(0, 8).join(', ')}${changed.length > 8 ? `, … ${changed.length} files` : ''}): labs were written and read by two versions; run again for figures of one version`;
};
