import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import { refuse } from './errors.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const notBuilt = (root: string) => `<!doctype html><meta charset="utf-8"><title>pkilab studio</title>
<p>The studio's page is not built: ${root} has no index.html. Build it with <code>npm run build</code> (Vite writes dist/studio), then reload.
The API answers already: <code>/api/labs</code>.</p>`;

/** The page's files from `root` (the Vite build); a path that would leave it is refused, an unknown one is the page (client routing). */
export const staticRoutes = (app: Hono, root: string) => {
  const base = resolve(root);
  app.get('*', async (c) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return refuse(400, 'STUDIO_BAD_REQUEST', 'path: expected a URL-encoded path, found a malformed one');
    }
    const file = resolve(join(base, path));
    if (file !== base && !file.startsWith(base + sep))
      refuse(
        403,
        'STUDIO_PATH_REFUSED',
        `path: expected a file of the studio's page, found ${JSON.stringify(path.slice(0, 80))}, outside it`,
      );
    const found = await stat(file).then(
      (s) => (s.isFile() ? file : s.isDirectory() ? join(file, 'index.html') : undefined),
      () => undefined,
    );
    const target =
      found &&
      (await stat(found).then(
        (s) => s.isFile(),
        () => false,
      ))
        ? found
        : extname(path)
          ? undefined
          : join(base, 'index.html');
    const body = target ? await readFile(target).catch(() => undefined) : undefined;
    if (!body) {
      if (!extname(path)) return c.html(notBuilt(base), 503);
      return refuse(404, 'STUDIO_NOT_FOUND', `path: expected a file of the studio's page, found no ${JSON.stringify(path.slice(0, 80))}`);
    }
    c.header('content-type', types[extname(target!)] ?? 'application/octet-stream');
    c.header('x-content-type-options', 'nosniff');
    return c.body(body);
  });
};
