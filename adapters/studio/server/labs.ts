import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { World } from '../../../domain/index.ts';
import type { Timeline } from '../../../projections/index.ts';
import type { LabInfo } from '../api.ts';
import type { Observable } from 'rxjs';
import type { LabChange } from '../../postgres/follow.ts';
import { createSession, type TravelSession } from '../../travel/session.ts';
import { openBundleJson, openSource, type LabSource } from '../../travel/source.ts';
import { refuse } from './errors.ts';

/** What the studio reads of a PostgreSQL store: each lab's version (to know when to read it again), the lab whole, its appends. */
export interface StoreAccess {
  version(name: string): Promise<number>;
  source(name: string): Promise<LabSource>;
  follow(name: string): Observable<LabChange>;
  close(): Promise<void>;
}

/** A lab the studio was given (or made: a fork, an upload), named by an opaque id; never by a client's path. */
export interface LabEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: LabInfo['kind'];
  /** The log or bundle file; undefined for an upload held in memory and a lab in a store. */
  readonly path?: string;
  /** The lab's name in the PostgreSQL store the studio was given. */
  readonly storeName?: string;
  /** The folder new labs made from this one (forks) are written in. */
  readonly forkRoot: string;
  readonly writable: boolean;
}

/** A lab opened for reading: its events, the travel session over them (checkpointed timeline) and when it was read. */
/** The worlds last asked for, kept (16 of them): the page asks the same position for its world, findings and chart. */
const remembering = (timeline: Timeline): Timeline => {
  const kept = new Map<number, World>();
  const worldAt = (n: number): World => {
    const world = kept.get(n) ?? timeline.worldAt(n);
    kept.delete(n);
    kept.set(n, world);
    if (kept.size > 16) kept.delete(kept.keys().next().value!);
    return world;
  };
  // Everything else (its counts, complete()) is the timeline's own.
  return Object.assign(Object.create(timeline) as Timeline, { worldAt });
};

export interface OpenedLab {
  readonly entry: LabEntry;
  readonly source: LabSource;
  readonly travel: TravelSession;
  /** The travel session's timeline, remembering the last worlds asked for. */
  readonly timeline: Timeline;
  readonly stamp: string;
}

/** Paths that hold no lab the studio can serve (exit 2 in the CLI). */
export class StudioInputError extends Error {
  readonly code = 'STUDIO_INPUT';
}

const idOf = (key: string) => `lab-${createHash('sha256').update(key).digest('base64url').slice(0, 12)}`;
const isDir = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

const logEntry = (path: string, forkRoot = dirname(dirname(path))): LabEntry => ({
  id: idOf(path),
  name: basename(path) === 'lab.jsonl' ? basename(dirname(path)) : basename(path, '.jsonl'),
  kind: 'jsonl',
  path,
  forkRoot,
  writable: true,
});
const bundleEntry = (path: string): LabEntry => ({
  id: idOf(path),
  name: basename(path, '.json'),
  kind: 'bundle',
  path,
  forkRoot: dirname(path),
  writable: false,
});

/** The labs a path holds: a log, a bundle, a lab folder, or a folder of lab folders and bundles (one level down). */
export const labsIn = async (given: string): Promise<LabEntry[]> => {
  const path = resolve(given);
  if (!(await exists(path)))
    throw new StudioInputError(`${given}: expected a lab log (.jsonl), an exported lab (.json) or a folder of labs, found nothing there`);
  if (!(await isDir(path))) {
    if (path.endsWith('.jsonl')) return [logEntry(path)];
    if (path.endsWith('.json')) return [bundleEntry(path)];
    throw new StudioInputError(
      `${given}: expected a lab log (.jsonl), an exported lab (.json) or a folder of labs, found another kind of file`,
    );
  }
  if (await exists(join(path, 'lab.jsonl'))) return [logEntry(join(path, 'lab.jsonl'))];
  const found: LabEntry[] = [];
  for (const name of (await readdir(path)).sort()) {
    const inner = join(path, name);
    if (name.endsWith('.json') && !(await isDir(inner))) found.push(bundleEntry(inner));
    else if (await isDir(inner)) {
      const logs = (await readdir(inner).catch(() => [])).filter((n) => n.endsWith('.jsonl'));
      for (const log of logs.sort()) found.push(logEntry(join(inner, log), path));
    }
  }
  return found;
};

/** The change stamp of a file: a log that grew or was cut reads again. */
const stampOf = async (entry: LabEntry, store: StoreAccess | undefined): Promise<string> => {
  if (entry.path) return stat(entry.path).then((s) => `${s.size}:${s.mtimeMs}`);
  if (entry.storeName && store) return `version ${await store.version(entry.storeName)}`;
  return 'memory';
};

/** The studio's labs: the given ones, the forks it made and the bundles it was sent, each opened once and re-read when its file changes. */
export const labRegistry = (entries: readonly LabEntry[], warn: (w: string) => void, store?: StoreAccess) => {
  const labs = new Map(entries.map((e) => [e.id, e]));
  const opened = new Map<string, Promise<OpenedLab>>();
  const uploads = new Map<string, LabSource>();

  const open = async (entry: LabEntry, stamp: string): Promise<OpenedLab> => {
    const source = entry.path
      ? await openSource(entry.path, warn)
      : entry.storeName && store
        ? await store.source(entry.storeName)
        : uploads.get(entry.id)!;
    const travel = createSession(source, warn);
    return { entry, source, travel, timeline: remembering(travel.timeline), stamp };
  };

  const registry = {
    list: () => [...labs.values()],
    /** The store the studio reads labs from, if it was given one. */
    store,
    /** The lab an id names, or 403: an id is all a client may name a lab by. */
    entry(id: string): LabEntry {
      const entry = labs.get(id);
      return (
        entry ??
        refuse(
          403,
          'STUDIO_PATH_REFUSED',
          `expected the id of a lab this studio serves (GET /api/labs lists ${labs.size}), found ${JSON.stringify(id.slice(0, 80))}`,
        )
      );
    },
    /** The lab as it is now: the cached session unless its file changed since it was read. */
    async get(id: string): Promise<OpenedLab> {
      const entry = registry.entry(id);
      const stamp = await stampOf(entry, store);
      const cached = opened.get(id);
      if (cached && (await cached.catch(() => undefined))?.stamp === stamp) return cached;
      const next = open(entry, stamp);
      opened.set(id, next);
      next.catch(() => opened.delete(id));
      return next;
    },
    async info(entry: LabEntry): Promise<LabInfo> {
      const events = await registry.get(entry.id).then(
        (l) => l.source.events.length,
        () => 0,
      );
      return { id: entry.id, name: entry.name, kind: entry.kind, events, writable: entry.writable };
    },
    add(entry: LabEntry): LabEntry {
      labs.set(entry.id, entry);
      return entry;
    },
    /** An exported bundle sent to the studio: checked as a log is, held in memory, read-only. */
    async upload(json: unknown, forkRoot: string): Promise<LabEntry> {
      const name = `upload-${uploads.size + 1}`;
      const source = await openBundleJson(name, json, warn);
      const entry: LabEntry = { id: idOf(`upload:${name}:${Date.now()}`), name, kind: 'upload', forkRoot, writable: false };
      uploads.set(entry.id, source);
      return registry.add(entry);
    },
  };
  return registry;
};

export type LabRegistry = ReturnType<typeof labRegistry>;
export { logEntry };
