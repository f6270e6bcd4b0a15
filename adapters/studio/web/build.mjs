// Builds the studio page (Vite) into a folder; scripts/build.mjs calls it for dist/studio/ inside the build it swaps in.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Writes index.html and its assets into `outDir` (relative to the working folder); rejects with Vite's error when it does not build. */
export const buildStudioPage = async (outDir) => {
  await build({
    configFile: fileURLToPath(new URL('vite.config.ts', import.meta.url)),
    build: { outDir: resolve(outDir), emptyOutDir: true },
    logLevel: 'warn',
  });
};
