/** Where a record view reads its entries: an entry by key (undefined when absent), and the keys in order. */
interface RecordSource<V> {
  get(key: string): V | undefined;
  keys(): readonly string[];
}

const readOnly = (): never => {
  throw new TypeError("a world's record read at a position is read-only: fold events to change it");
};

/**
 * A record whose entries are read from `source` when asked, instead of copied in: it reads as a plain record (keys,
 * `in`, spreading, JSON, Object.entries, deep equality, an immer draft that copies it on its first write) and refuses
 * writes. Names Object.prototype holds (constructor, toString…) read from there, as on a plain record.
 */
export const recordView = <V>(source: RecordSource<V>): Record<string, V> =>
  new Proxy({} as Record<string, V>, {
    get: (target, key) => {
      const value = typeof key === 'string' ? source.get(key) : undefined;
      return value === undefined ? Reflect.get(target, key) : value;
    },
    has: (target, key) => (typeof key === 'string' && source.get(key) !== undefined) || Reflect.has(target, key),
    ownKeys: () => [...source.keys()],
    getOwnPropertyDescriptor: (_, key) => {
      const value = typeof key === 'string' ? source.get(key) : undefined;
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
  });
