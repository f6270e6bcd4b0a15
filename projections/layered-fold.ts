import { createDraft, finishDraft, isDraft, isDraftable, type Draft } from 'immer';
import type { RecordedEvent, World } from '../domain/index.ts';
import { applyUntracked } from './fold.ts';
import { flatten, layerOver, readLayer, viewOf, worthFlattening, type Layer } from './layered.ts';

/** The records keyed by computer, principal, request or certificate: large in a large lab, layered rather than copied. */
const layeredRecords = {
  directory: ['principals', 'members', 'tokens'],
  ca: ['pending', 'issued', 'serialByThumbprint', 'serialsByRequester', 'revocations'],
  hosts: ['hosts', 'stores', 'iis'],
} as const;
type Context = keyof typeof layeredRecords;
const contexts = Object.keys(layeredRecords) as Context[];

/** A layer being folded into, the entries drafted as handlers read them, and the record it stands over. */
interface Working {
  readonly layer: Layer;
  /** Keys whose own entry is a draft of the entry below, made when a handler read it (not set or deleted since). */
  readonly read: Map<string, unknown>;
  readonly view: object;
}

/** Its own class, so immer neither drafts nor copies the record: the handlers write into the layer through it. */
class WorkingRecord {}

const workingOver = (record: object): Working => {
  const layer = layerOver(record);
  const read = new Map<string, unknown>();
  const view = new Proxy(new WorkingRecord() as Record<string, unknown>, {
    get: (target, key) => {
      if (typeof key !== 'string') return Reflect.get(target, key);
      if (layer.own.has(key)) return layer.own.get(key);
      const value = readLayer(layer, key);
      // Each entry a handler reads is drafted once (immer copies it on its first write), so the record below stays as it was.
      if (value === undefined || !isDraftable(value)) return value ?? Reflect.get(target, key);
      const draft = createDraft(value as object);
      layer.own.set(key, draft);
      read.set(key, value);
      return draft;
    },
    set: (_, key, value) => {
      if (typeof key !== 'string') return false;
      layer.own.set(key, value);
      read.delete(key);
      return true;
    },
    deleteProperty: (_, key) => {
      if (typeof key !== 'string') return false;
      layer.own.delete(key);
      read.delete(key);
      layer.removed.add(key);
      return true;
    },
    has: (target, key) => (typeof key === 'string' && readLayer(layer, key) !== undefined) || Reflect.has(target, key),
    ownKeys: () => Object.keys(flatten(layer)),
    getOwnPropertyDescriptor: (_, key) => {
      const value = typeof key === 'string' ? readLayer(layer, key) : undefined;
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
  });
  return { layer, read, view };
};

/**
 * The layer as a record a world keeps: drafted entries finished (an entry only read is dropped), then the record below
 * when nothing changed, a plain copy when `compact` asks and the chain is worth it, or the layer's read-only view.
 */
const sealed = ({ layer, read }: Working, below: object, compact: boolean): object => {
  for (const [key, value] of layer.own) {
    if (!isDraft(value)) continue;
    const done = finishDraft(value);
    if (read.has(key) && done === read.get(key)) layer.own.delete(key);
    else layer.own.set(key, done);
  }
  if (layer.own.size === 0 && layer.removed.size === 0) return below;
  layer.changes += layer.own.size + layer.removed.size;
  if (!compact) return viewOf(layer);
  return worthFlattening(layer) ? flatten(layer) : viewOf(layer, false);
};

type Records = Record<Context, Record<string, object>>;

/** `world` with a working layer in place of each large record, and those layers by `context.name`. */
const opened = (world: World): { working: World; open: Map<string, Working> } => {
  const base = world as unknown as Records;
  const working = { ...world } as unknown as Records;
  const open = new Map<string, Working>();
  for (const context of contexts) {
    working[context] = { ...base[context] };
    for (const name of layeredRecords[context]) {
      const record = base[context][name];
      if (typeof record !== 'object' || record === null) continue;
      const layer = workingOver(record);
      open.set(`${context}.${name}`, layer);
      working[context][name] = layer.view;
    }
  }
  return { working: working as unknown as World, open };
};

/** The folded world with each working layer sealed into the record it keeps (`before` holds the records below). */
const closed = (folded: World, before: World, open: Map<string, Working>, compact: boolean): World => {
  const done = folded as unknown as Records;
  const base = before as unknown as Records;
  const out = { ...done } as Records;
  for (const context of contexts) {
    out[context] = { ...done[context] };
    for (const name of layeredRecords[context]) {
      const layer = open.get(`${context}.${name}`);
      // A handler that replaced the whole record leaves its new one in place.
      if (layer && done[context][name] === layer.view) out[context][name] = sealed(layer, base[context][name]!, compact);
    }
  }
  return out as unknown as World;
};

/**
 * `world` after `events[from..to)` (autoenrollment passes left out: a timeline lays them over the world it returns;
 * provenance left as it was), folded without copying its large records: their entries go into a layer over the record
 * before. Pure. `compact` copies out long chains (for a world kept as a checkpoint, not one a seek returns).
 */
export const foldLayered = (events: readonly RecordedEvent[], from: number, to: number, world: World, compact: boolean): World => {
  let first = from;
  while (first < to && events[first]!.type === 'AutoenrollmentRan') first += 1;
  // Only passes (a timer stretch of a long log): the world moves in time, nothing else changes, nothing is drafted.
  if (first === to) return to > from ? { ...world, position: events[to - 1]!.position, now: events[to - 1]!.at } : world;
  const { working, open } = opened(world);
  const draft = createDraft(working) as Draft<World>;
  for (let i = first; i < to; i += 1) if (events[i]!.type !== 'AutoenrollmentRan') applyUntracked(draft, events[i]!);
  draft.position = events[to - 1]!.position;
  draft.now = events[to - 1]!.at;
  return closed(finishDraft(draft) as World, world, open, compact);
};
