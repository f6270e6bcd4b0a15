#!/usr/bin/env node
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshEntry } from './build-state.mjs';

// A reader that goes away (`pkilab … | head`) ends the output, not the program with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
if (process.env.PKILAB_DEBUG) process.setSourceMapsEnabled(true);

// The build in dist/ (npm run build, npm ci, npm test make it) when it is newer than every source it came
// from; otherwise the sources themselves through tsx, so an edited tree never runs an old build.
const built = freshEntry(fileURLToPath(new URL('..', import.meta.url)));
const load = async () => {
  if (built) return import(pathToFileURL(built).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import('../adapters/cli/main.ts');
};
const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
