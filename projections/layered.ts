import { recordView } from './record-view.ts';

type Entries = Record<string, unknown>;

/**
 * A record as the entries one fold set or deleted, over the record it continues (another layer, or a plain record at
 * the bottom). Checkpoints of a long log share their large records this way instead of copying them whole.
 */
export interface Layer {
  readonly below: Layer | undefined;
  /** The plain record at the bottom of the chain. */
  readonly root: Entries;
  /** Entries set in this layer, in the order first set (a value, never undefined). */
  readonly own: Map<string, unknown>;
  /** Keys deleted in this layer (an own entry set later wins). */
  readonly removed: Set<string>;
  /** Layers in the chain, this one included. */
  readonly depth: number;
  /** Own entries and deletions down the chain: how much a copy of the record would fold together. */
  changes: number;
  /** The record copied out whole, kept once it was enumerated. */
  flat?: Entries;
  /** The copy last enumerated, for a layer that does not keep one: read from while the collector leaves it. */
  recent?: WeakRef<Entries>;
}

const layers = new WeakMap<object, Layer>();

/** A new, empty layer over `record` (a layer's view or a plain record). */
export const layerOver = (record: object): Layer => {
  const below = layers.get(record);
  return below
    ? { below, root: below.root, own: new Map(), removed: new Set(), depth: below.depth + 1, changes: below.changes }
    : { below: undefined, root: record as Entries, own: new Map(), removed: new Set(), depth: 1, changes: 0 };
};

/** The entry under `key` (undefined when the record has none). */
export const readLayer = (layer: Layer, key: string): unknown => {
  const flat = layer.flat ?? layer.recent?.deref();
  if (flat) return Object.hasOwn(flat, key) ? flat[key] : undefined;
  for (let at: Layer | undefined = layer; at; at = at.below) {
    const value = at.own.get(key);
    if (value !== undefined) return value;
    if (at.removed.size > 0 && at.removed.has(key)) return undefined;
  }
  return Object.hasOwn(layer.root, key) ? layer.root[key] : undefined;
};

/**
 * The record as one plain object: the bottom record copied, then each layer's deletions and entries applied oldest
 * first, so keys come in the order a fold of the same events in place would leave them.
 */
export const flatten = (layer: Layer): Entries => {
  const chain: Layer[] = [];
  for (let at: Layer | undefined = layer; at; at = at.below) chain.push(at);
  const flat: Entries = Object.assign({}, layer.root);
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const { removed, own } = chain[i]!;
    for (const key of removed) delete flat[key];
    for (const [key, value] of own) flat[key] = value;
  }
  return flat;
};

const recentCopy = (layer: Layer): Entries => {
  const known = layer.recent?.deref();
  if (known) return known;
  const flat = flatten(layer);
  layer.recent = new WeakRef(flat);
  return flat;
};

/**
 * The layer, read-only from now on, as a record that reads as a plain one (entries looked up down the chain). `keep`
 * keeps the copy its keys are read from, for a world that lives as long as its reader; a checkpoint's layer holds it
 * weakly (it lives as long as the timeline: a copy kept per checkpoint enumerated would add up).
 */
export const viewOf = (layer: Layer, keep = true): Entries => {
  const view = recordView<unknown>({
    get: (key) => readLayer(layer, key),
    keys: () => Object.keys(keep ? (layer.flat ??= flatten(layer)) : recentCopy(layer)),
  });
  layers.set(view, layer);
  return view;
};

const rootSizes = new WeakMap<object, number>();
const rootSize = (root: Entries): number => {
  let size = rootSizes.get(root);
  if (size === undefined) rootSizes.set(root, (size = Object.keys(root).length));
  return size;
};

/** Chains this deep are copied out, so a read never walks more layers. */
const maxDepth = 32;

/**
 * Whether a layer kept in a checkpoint should be copied out into a plain record: when its chain is as deep as reads
 * allow, or holds more changes than the bottom record has entries (so copies cost at most what the changes did).
 */
export const worthFlattening = (layer: Layer): boolean => layer.depth >= maxDepth || layer.changes > Math.max(1024, rootSize(layer.root));
