import type { RecordedEvent, World } from '../domain/index.ts';
import { emptyWorld } from '../domain/index.ts';
import { foldLayered } from './layered-fold.ts';
import { passIndex, withPasses, type PassIndex } from './passes.ts';
import { provenanceAt, provenanceIndex, upTo, type ProvenanceIndex } from './provenance.ts';

/** A lab log with checkpoints: the world at any position without refolding from the start. */
export interface Timeline {
  readonly events: readonly RecordedEvent[];
  /** The world after position `n` (0 = before the first event). */
  worldAt(n: number): World;
  /** The longest stretch of events between two checkpoints. */
  readonly checkpointInterval: number;
  /** How many checkpoints the timeline places (the world before the first event included). */
  readonly checkpoints: number;
  /** How many of them are folded so far: they are folded as seeks reach them, or all at once by `complete`. */
  readonly built: number;
  /** Folds every checkpoint not folded yet, telling `onProgress` after each (events folded, events in the log). */
  complete(onProgress?: (folded: number, total: number) => void): void;
}

/** Events that change a checkpoint (an autoenrollment pass does not: passes are laid over a world on the way out). */
const changesCheckpoint = (event: RecordedEvent) => event.type !== 'AutoenrollmentRan';

/**
 * Where checkpoints go: after `interval` events, or sooner, after `dense` events that change the world kept in a
 * checkpoint, so a seek folds few events wherever the log is busy.
 */
const placeCheckpoints = (events: readonly RecordedEvent[], interval: number, dense: number): number[] => {
  const at = [0];
  let changing = 0;
  for (let i = 0; i < events.length; i += 1) {
    if (changesCheckpoint(events[i]!)) changing += 1;
    if (i + 1 - at[at.length - 1]! >= interval || changing >= dense) {
      at.push(i + 1);
      changing = 0;
    }
  }
  if (at[at.length - 1] !== events.length) at.push(events.length);
  return at;
};

/** At most this many events that change a checkpoint lie between two checkpoints: a seek folds no more than that. */
const densest = 250;

/**
 * The log folded into checkpoints (every `interval` events, 2,000 or a hundredth of a long log, and every half interval
 * or 250 events that change a checkpoint, whichever is fewer), each built when a seek first needs it. A checkpoint's
 * large records are layers over the checkpoint before (projections/layered-fold.ts), and what changes on every timer
 * pass is kept out of them: a computer's passes and the entities' provenance are read from indexes of the whole log
 * and laid over the world a seek returns, each entry when it is read.
 */
export const buildTimeline = (events: readonly RecordedEvent[], interval = Math.max(2000, Math.ceil(events.length / 100))): Timeline => {
  const boundaries = placeCheckpoints(events, interval, Math.min(densest, Math.ceil(interval / 2)));
  const worlds: World[] = [emptyWorld];
  let passes: PassIndex | undefined;
  let provenance: ProvenanceIndex | undefined;
  let last: { n: number; world: World } | undefined;
  const checkpoint = (k: number): World => {
    while (worlds.length <= k) {
      const i = worlds.length;
      worlds.push(foldLayered(events, boundaries[i - 1]!, boundaries[i]!, worlds[i - 1]!, true));
    }
    return worlds[k]!;
  };
  const timeline: Timeline = {
    events,
    checkpointInterval: interval,
    checkpoints: boundaries.length,
    get built() {
      return worlds.length;
    },
    complete(onProgress) {
      while (worlds.length < boundaries.length) {
        checkpoint(worlds.length);
        onProgress?.(boundaries[worlds.length - 1]!, events.length);
      }
    },
    worldAt(n) {
      const position = Math.max(0, Math.min(n, events.length));
      if (last?.n === position) return last.world;
      const k = upTo(boundaries, position) - 1;
      const base = checkpoint(k);
      const folded = position === boundaries[k] ? base : foldLayered(events, boundaries[k]!, position, base, false);
      const world = withPasses(folded, (passes ??= passIndex(events)), events, position);
      const index = () => (provenance ??= provenanceIndex(events));
      last = { n: position, world: { ...world, provenance: provenanceAt(index, position) } };
      return last.world;
    },
  };
  return timeline;
};
