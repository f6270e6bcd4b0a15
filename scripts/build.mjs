#!/usr/bin/env node
// Builds the CLI into dist/ with esbuild so that nothing is transpiled when pkilab starts (npm's prepare step
// runs it; so does npm test). Each command is a chunk of its own, loaded only when it runs, with the packages it
// uses bundled in (see externalPackages). The build is swapped in whole: a reader sees the old build, the new one, or none (then
// bin/pkilab.mjs runs the sources through tsx), never a half-written one.
import { build } from 'esbuild';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { relative, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFolder, manifestName } from '../bin/build-state.mjs';
import { buildStudioPage } from '../adapters/studio/web/build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Entry points: the CLI, and files that run in worker threads (they need a file of their own). */
export const entries = { main: 'adapters/cli/main.ts' };

/** Packages left in node_modules: optional ones pkilab never loads (pg-native, react-devtools-core), and tools. */
const externalPackages = ['pg-native', 'react-devtools-core', 'playwright-core', 'fsevents', 'tsx', 'esbuild', 'vite'];

/** Builds into `target` (dist/ unless told); resolves to the esbuild metafile (what each output imports). */
export const buildCli = async (target = buildFolder(root)) => {
  const startedAt = Date.now() - 1; // a source saved while the build runs leaves the build stale
  const fresh = `${target}.${process.pid}.new`;
  rmSync(fresh, { recursive: true, force: true });
  let result;
  try {
    result = await build({
      absWorkingDir: root,
      entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(root, path)])),
      outdir: fresh,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Packages are bundled too (half the CPU of a command's start: one file read per chunk instead of a module
      // resolution per package file); those that load files of their own at run time, or are optional, stay outside.
      external: externalPackages,
      banner: { js: "import { createRequire as __pkilabRequire } from 'node:module'; const require = __pkilabRequire(import.meta.url);" },
      sourcemap: true,
      metafile: true,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      logLevel: 'warning',
    });
    // The studio's page (Vite), inside the build it is swapped in with.
    await buildStudioPage(join(fresh, 'studio'));
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => relative(root, join(root, input)))
    .sort();
  // The build's own files, so that a build missing one of them (a chunk deleted) is not run.
  const outputs = Object.keys(result.metafile.outputs)
    .map((output) => relative(fresh, join(root, output)))
    .sort();
  writeFileSync(join(fresh, manifestName), `${JSON.stringify({ startedAt, entry: 'main.mjs', inputs, outputs }, null, 1)}\n`);
  const old = `${target}.${process.pid}.old`;
  try {
    renameSync(target, old);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  try {
    renameSync(fresh, target);
  } catch (error) {
    // Another build landed between the two renames: it is as fresh as this one, which is dropped.
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    rmSync(fresh, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  return result.metafile;
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { inputs } = await buildCli();
    if (!process.argv.includes('--quiet')) console.log(`built dist/ from ${Object.keys(inputs).length} source files`);
  } catch (error) {
    // npm ci's prepare step: a tree that does not build still installs; pkilab then runs from the sources and
    // npm test reports the failed build.
    if (!process.argv.includes('--if-possible')) throw error;
    console.error(`pkilab: the build failed, so pkilab will run from the sources: ${error.message.split('\n')[0]}`);
  }
}
