// Whether the CLI build in dist/ may run: it must exist and be newer than every source file it was made from.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Where the build lives and the manifest that lists its sources (written by scripts/build.mjs). */
export const buildFolder = (root) => join(root, 'dist');
export const manifestName = 'manifest.json';

/**
 * The file URL path of the built entry when the build is complete and fresh, else undefined: a missing
 * manifest, a missing source, a source changed after the build started, or a file of the build gone (the
 * manifest's outputs) all mean "run from source".
 */
export const freshEntry = (root) => {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(buildFolder(root), manifestName), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof manifest?.startedAt !== 'number' || !Array.isArray(manifest.inputs) || typeof manifest.entry !== 'string') return undefined;
  for (const input of [...manifest.inputs, 'package.json', 'tsconfig.json']) {
    const stat = statSync(join(root, input), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > manifest.startedAt) return undefined;
  }
  const outputs = Array.isArray(manifest.outputs) ? manifest.outputs : [manifest.entry];
  for (const output of outputs) if (!statSync(join(buildFolder(root), output), { throwIfNoEntry: false })) return undefined;
  return join(buildFolder(root), manifest.entry);
};
