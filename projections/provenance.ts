import { entitiesShapedBy, type RecordedEvent, type World } from '../domain/index.ts';

/** Every entity's positions over a whole log, built once. */
export type ProvenanceIndex = ReadonlyMap<string, readonly number[]>;

export const provenanceIndex = (events: readonly RecordedEvent[]): ProvenanceIndex => {
  const index = new Map<string, number[]>();
  for (const event of events) {
    for (const key of entitiesShapedBy(event)) {
      const positions = index.get(key);
      if (positions) positions.push(event.position);
      else index.set(key, [event.position]);
    }
  }
  return index;
};

/** How many positions of an ascending list are at most `n` (binary search). */
export const upTo = (positions: readonly number[], n: number): number => {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (positions[mid]! <= n) low = mid + 1;
    else high = mid;
  }
  return low;
};

/**
 * The provenance of the world at position `n`, read from the whole log's index (given, or built on the first read):
 * the same record a fold up to `n` would build, computed on access instead of stored in every checkpoint.
 */
export const provenanceAt = (source: ProvenanceIndex | (() => ProvenanceIndex), n: number): World['provenance'] => {
  const cache = new Map<string, readonly number[]>();
  let built: ProvenanceIndex | undefined;
  const index = (): ProvenanceIndex => (built ??= typeof source === 'function' ? source() : source);
  const read = (key: string): readonly number[] | undefined => {
    if (cache.has(key)) return cache.get(key);
    const all = index().get(key);
    const count = all ? upTo(all, n) : 0;
    const value = count === 0 ? undefined : count === all!.length ? all : all!.slice(0, count);
    cache.set(key, value!);
    return value;
  };
  return new Proxy({} as Record<string, readonly number[]>, {
    // Entity keys never clash with Object.prototype's names, which stay readable (constructor, toString…).
    get: (target, key) => (typeof key === 'string' && !(key in Object.prototype) ? read(key) : Reflect.get(target, key)),
    has: (_, key) => typeof key === 'string' && read(key) !== undefined,
    ownKeys: () => [...index().keys()].filter((key) => read(key) !== undefined),
    getOwnPropertyDescriptor: (_, key) => {
      const value = typeof key === 'string' ? read(key) : undefined;
      return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: false };
    },
  });
};
