import { watch } from 'node:fs';
import { dirname } from 'node:path';
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveAppended } from '../api.ts';
import type { RouteDeps } from './read-routes.ts';

/**
 * `GET /api/labs/:lab/live`: server-sent events. `event: appended` with `{ total }` each time the lab's log holds a
 * different number of events (an append, or a cut going back): a log's folder is watched, a store's lab followed
 * (LISTEN/NOTIFY), and the lab read again on a change.
 * A comment line every 15 s keeps proxies from closing the stream.
 */
export const liveRoutes = (app: Hono, { registry, warn }: RouteDeps) => {
  app.get('/api/labs/:lab/live', async (c) => {
    const id = c.req.param('lab');
    const first = await registry.get(id);
    const path = first.entry.path;
    return streamSSE(c, async (stream) => {
      let total = first.source.events.length;
      let pending = Promise.resolve();
      const check = () => {
        pending = pending
          .then(async () => {
            const now = (await registry.get(id)).source.events.length;
            if (now === total) return;
            total = now;
            await stream.writeSSE({ event: 'appended', data: JSON.stringify({ total } satisfies LiveAppended) });
          })
          .catch((error: Error) => warn(`live: ${error.message}`));
      };
      const watcher =
        path && first.entry.kind === 'jsonl'
          ? watch(dirname(path), (_, name) => (name === null || path.endsWith(String(name))) && check())
          : undefined;
      const name = first.entry.storeName;
      const follower =
        name && registry.store
          ? registry.store.follow(name).subscribe({ next: check, error: (e: Error) => warn(`live: ${e.message}`) })
          : undefined;
      const ping = setInterval(() => void stream.write(': ping\n\n').catch(() => undefined), 15_000);
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ total } satisfies LiveAppended) });
      await new Promise<void>((done) => stream.onAbort(done));
      clearInterval(ping);
      watcher?.close();
      follower?.unsubscribe();
    });
  });
};
