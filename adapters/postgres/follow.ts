import pg from 'pg';
import { Observable } from 'rxjs';
import type { RecordedEvent } from '../../domain/index.ts';
import { StoreError, type Database } from './database.ts';
import { postgresEventStore, type LabNotice } from './events.ts';

/** What a follower sees: events appended after those it has, or the lab cut back to `version` (then appends). */
export type LabChange =
  | { readonly kind: 'appended'; readonly events: readonly RecordedEvent[]; readonly version: number }
  | { readonly kind: 'truncated'; readonly version: number };

/** One LISTEN connection per store and process, shared by every follower; closed with the last one. */
interface Listener {
  readonly ready: Promise<void>;
  readonly handlers: Set<(notice: LabNotice | Error) => void>;
  readonly client: pg.Client;
}
const listeners = new WeakMap<Database, Listener>();

const listen = (db: Database): Listener => {
  const known = listeners.get(db);
  if (known) return known;
  const client = new pg.Client({ connectionString: db.connectionString });
  const handlers = new Set<(notice: LabNotice | Error) => void>();
  const tell = (notice: LabNotice | Error) => handlers.forEach((h) => h(notice));
  client.on('notification', (message) => {
    if (message.channel === db.channel && message.payload) tell(JSON.parse(message.payload) as LabNotice);
  });
  client.on('error', (error) =>
    tell(new StoreError('STORE_UNREACHABLE', `lost the notification connection to ${db.shown}: ${error.message}`)),
  );
  const ready = client
    .connect()
    .then(() => client.query(`LISTEN "${db.channel}"`))
    .then(() => undefined);
  const listener = { ready, handlers, client };
  listeners.set(db, listener);
  return listener;
};

const leave = (db: Database, listener: Listener, handler: (notice: LabNotice | Error) => void) => {
  listener.handlers.delete(handler);
  if (listener.handlers.size > 0) return;
  listeners.delete(db);
  void listener.client.end().catch(() => undefined);
};

/**
 * A lab as it grows: first the events it holds, then every append as it commits, told by NOTIFY (a hint
 * to read: what is emitted is always read back from the table in position order, so nothing is skipped or
 * emitted twice). No polling. A truncate by another writer is emitted as `truncated` before what follows.
 */
export const followLab = (db: Database, lab: string): Observable<LabChange> =>
  new Observable<LabChange>((subscriber) => {
    const store = postgresEventStore(db);
    const listener = listen(db);
    let shown: readonly RecordedEvent[] = [];
    let queue = Promise.resolve();
    let stopped = false;
    const pump = (notice?: LabNotice) => {
      queue = queue
        .then(async () => {
          if (stopped) return;
          const events = (notice && store.accept(notice)) || (await store.read(lab));
          let same = shown.length;
          // The store hands back the same objects while the lab is only appended to; else find what is still common.
          if (same > 0 && events[same - 1] !== shown[same - 1]) {
            same = 0;
            while (same < shown.length && same < events.length && JSON.stringify(events[same]) === JSON.stringify(shown[same])) same += 1;
          }
          if (same < shown.length) subscriber.next({ kind: 'truncated', version: same });
          if (events.length > same) subscriber.next({ kind: 'appended', events: events.slice(same), version: events.length });
          shown = events;
        })
        .catch((error) => subscriber.error(error));
    };
    const handler = (notice: LabNotice | Error) => {
      if (notice instanceof Error) subscriber.error(notice);
      else if (notice.lab === lab) pump(notice);
    };
    listener.handlers.add(handler);
    listener.ready.then(
      () => pump(),
      (error: Error) => subscriber.error(new StoreError('STORE_UNREACHABLE', `cannot listen on ${db.shown}: ${error.message}`)),
    );
    return () => {
      stopped = true;
      leave(db, listener, handler);
    };
  });
