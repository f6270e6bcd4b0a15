import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The studio page: a Vite build of this folder, which scripts/build.mjs writes into dist/studio/ beside the CLI.
 * For work on the page, `npx vite adapters/studio/web` serves it with the API passed through to a running
 * `pkilab studio` named by PKILAB_STUDIO_URL (its address without the token; open the page with ?token=…).
 */
const studio = process.env.PKILAB_STUDIO_URL;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: fileURLToPath(new URL('../../../dist/studio', import.meta.url)), emptyOutDir: true, sourcemap: true },
  ...(studio ? { server: { proxy: { '/api': { target: studio, changeOrigin: true } } } } : {}),
});
