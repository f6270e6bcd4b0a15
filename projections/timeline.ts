import type { RecordedEvent, World } from '../domain/index.ts';
import { emptyWorld } from '../domain/index.ts';
import { fold } from './fold.ts';
import { provenanceAt, provenanceIndex } from './provenance.ts';

/** A lab log with checkpoints: the world at any position without refolding from the start. */
export interface Timeline {
  readonly events: readonly RecordedEvent[];
  /** The world after position `n` (0 = before the first event). */
  worldAt(n: number): World;
  readonly checkpointInterval: number;
  readonly checkpoints: number;
}

/**
 * Folds the log once, keeping the world every `interval` events (2,000, or a hundredth of a long log).
 * Immer shares what did not change between checkpoints, so they cost the changed paths, not whole
 * worlds; provenance is not kept in them but read from one index of the whole log. A seek folds at
 * most `interval - 1` events from the nearest checkpoint before it.
 */
export const buildTimeline = (events: readonly RecordedEvent[], interval = Math.max(2000, Math.ceil(events.length / 100))): Timeline => {
  const withoutProvenance = { provenance: false } as const;
  const checkpoints: World[] = [emptyWorld];
  for (let start = 0; start < events.length; start += interval) {
    checkpoints.push(fold(events.slice(start, start + interval), checkpoints[checkpoints.length - 1], withoutProvenance));
  }
  const index = provenanceIndex(events);
  return {
    events,
    checkpointInterval: interval,
    checkpoints: checkpoints.length,
    worldAt(n) {
      const position = Math.max(0, Math.min(n, events.length));
      const at = Math.floor(position / interval);
      const base = checkpoints[at]!;
      const world = position === at * interval ? base : fold(events.slice(at * interval, position), base, withoutProvenance);
      return { ...world, provenance: provenanceAt(index, position) };
    },
  };
};
