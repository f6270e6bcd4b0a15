import { entitiesShapedBy, type RecordedEvent, type World } from '../domain/index.ts';
import { recordView } from './record-view.ts';

/** Ascending positions, as a plain list or a view of a packed one. */
type Positions = ArrayLike<number>;

/** Every entity's positions over a whole log, built once. */
export interface ProvenanceIndex {
  get(key: string): Positions | undefined;
  keys(): Iterable<string>;
}

/** Lists per key, read-only. */
interface PackedLists<K> extends Iterable<[K, Int32Array]> {
  get(key: K): Int32Array | undefined;
  keys(): Iterable<K>;
}

/**
 * Lists gathered per key, packed into one array of 4-byte positions (a long log's index takes 4 bytes a position,
 * not 8 and a list object per key); each read is a view of its stretch.
 */
const packed = <K>(lists: Map<K, number[]>): PackedLists<K> => {
  let total = 0;
  for (const list of lists.values()) total += list.length;
  const all = new Int32Array(total);
  const stretches = new Map<K, number>();
  const ends: number[] = [];
  let at = 0;
  for (const [key, list] of lists) {
    all.set(list, at);
    stretches.set(key, ends.length);
    at += list.length;
    ends.push(at);
  }
  const view = (slot: number) => all.subarray(slot === 0 ? 0 : ends[slot - 1]!, ends[slot]!);
  return {
    get: (key) => {
      const slot = stretches.get(key);
      return slot === undefined ? undefined : view(slot);
    },
    keys: () => stretches.keys(),
    *[Symbol.iterator]() {
      for (const [key, slot] of stretches) yield [key, view(slot)];
    },
  };
};

export const provenanceIndex = (events: readonly RecordedEvent[]): ProvenanceIndex => {
  const index = new Map<string, number[]>();
  for (const event of events) {
    for (const key of entitiesShapedBy(event)) {
      const positions = index.get(key);
      if (positions) positions.push(event.position);
      else index.set(key, [event.position]);
    }
  }
  return packed(index);
};

/** How many positions of an ascending list are at most `n` (binary search). */
export const upTo = (positions: Positions, n: number): number => {
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
    const first = count === 0 ? undefined : all instanceof Int32Array ? all.subarray(0, count) : Array.prototype.slice.call(all, 0, count);
    const value = first && Array.from(first);
    cache.set(key, value!);
    return value;
  };
  return recordView<readonly number[]>({ get: read, keys: () => [...index().keys()].filter((key) => read(key) !== undefined) });
};
