import { entitiesShapedBy, type RecordedEvent, type World } from '../domain/index.ts';

type Provenance = World['provenance'];
type Positions = ReadonlyMap<string, readonly number[]>;

/** A record of positions not built yet: the record it continues, and the events folded after it. */
interface Link {
  readonly before: Provenance;
  events: readonly RecordedEvent[];
  built?: Positions;
}

/** A prototype of its own, so immer neither drafts nor walks the record (it is replaced, never edited in place). */
class LazyProvenance {}

const links = new WeakMap<object, Link>();

const positionsOf = (record: Provenance): Positions => {
  const link = links.get(record);
  return link ? build(link) : new Map(Object.entries(record));
};

/**
 * Builds a link's positions: walks back to the nearest record already built (or a plain one), then adds the events
 * of every link in between, oldest first. Lists are shared with the record before until a key gains a position.
 */
const build = (link: Link): Positions => {
  if (link.built) return link.built;
  const pending: Link[] = [];
  let current: Link | undefined = link;
  let base: Positions = new Map();
  while (current) {
    if (current.built) {
      base = current.built;
      break;
    }
    pending.push(current);
    const parent = links.get(current.before);
    if (!parent) base = positionsOf(current.before);
    current = parent;
  }
  const positions = new Map(base) as Map<string, readonly number[]>;
  const own = new Set<string>();
  for (let i = pending.length - 1; i >= 0; i -= 1) {
    for (const event of pending[i]!.events) {
      for (const key of entitiesShapedBy(event)) {
        const list = positions.get(key);
        if (list && own.has(key)) (list as number[]).push(event.position);
        else {
          positions.set(key, list ? [...list, event.position] : [event.position]);
          own.add(key);
        }
      }
    }
  }
  for (const key of own) Object.freeze(positions.get(key));
  link.built = positions;
  link.events = [];
  return positions;
};

const readOnly = (): never => {
  throw new TypeError("a world's provenance is read-only: folding events extends it");
};

/**
 * The provenance after `events` are folded onto `before`, built on first read rather than during the fold, so a
 * replay that never asks which events shaped an entity does not pay for it. It reads as the plain record a fold
 * used to store (keys, `in`, spreading, JSON, deep equality) and refuses writes.
 */
export const provenanceAfter = (before: Provenance, events: readonly RecordedEvent[]): Provenance => {
  if (events.length === 0) return before;
  const link: Link = { before, events };
  const read = () => build(link);
  const record = new Proxy(new LazyProvenance() as Record<string, readonly number[]>, {
    get: (target, key) => {
      if (key === 'constructor') return Object;
      const value = typeof key === 'string' ? read().get(key) : undefined;
      return value ?? Reflect.get(target, key);
    },
    has: (target, key) => (typeof key === 'string' && read().has(key)) || Reflect.has(target, key),
    ownKeys: () => [...read().keys()],
    getOwnPropertyDescriptor: (_, key) => {
      const value = typeof key === 'string' ? read().get(key) : undefined;
      return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: false };
    },
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
  });
  links.set(record, link);
  return record;
};
