import { isDraft, original, produce, setAutoFreeze, type Draft } from 'immer';
import { emptyWorld, entitiesShapedBy, type LabEvent, type RecordedEvent, type World } from '../domain/index.ts';
import { adminHandlers } from './admin.ts';
import { caHandlers } from './ca.ts';
import { settled } from './copy.ts';
import { configMgrHandlers } from './configmgr.ts';
import { directoryHandlers } from './directory.ts';
import type { Handler, Handlers } from './handlers.ts';
import { hostsHandlers } from './hosts.ts';
import { workflowHandlers } from './workflow.ts';

/** Every event type of the lab has its handler: a missing one does not compile. */
const handlers: Handlers<LabEvent> = { ...directoryHandlers, ...caHandlers, ...hostsHandlers, ...configMgrHandlers, ...workflowHandlers, ...adminHandlers };

/**
 * Frozen worlds cost a deep walk on every batch; nothing in pkilab mutates a world outside `produce`
 * (the types are readonly), so immer's auto-freeze is off.
 */
setAutoFreeze(false);

/** Positions gathered per entity during a batch, written to the draft once per entity. */
type Provenance = Map<string, number[]>;

const flushProvenance = (world: Draft<World>, gathered: Provenance): void => {
  // Read the lists from the base object: reading them through the draft would make a draft of each.
  const base = isDraft(world.provenance) ? (original(world.provenance) as World['provenance']) : world.provenance;
  for (const [key, positions] of gathered) {
    const known = base[key];
    world.provenance[key] = settled(known ? [...known, ...positions] : positions);
  }
};

const applyOne = (world: Draft<World>, event: RecordedEvent, gathered: Provenance | null): void => {
  (handlers[event.type] as Handler<LabEvent>)(world, event);
  if (!gathered) return;
  for (const key of entitiesShapedBy(event)) {
    const positions = gathered.get(key);
    if (positions) positions.push(event.position);
    else gathered.set(key, [event.position]);
  }
};

/** Applies one recorded event to a draft world, and records its position under the entities it shapes. */
export const apply = (world: Draft<World>, event: RecordedEvent): void => {
  const gathered: Provenance = new Map();
  applyOne(world, event, gathered);
  flushProvenance(world, gathered);
  world.position = event.position;
  world.now = event.at;
};

/** Applies one event to a draft world without recording provenance (a working world that only decides). */
export const applyUntracked = (world: Draft<World>, event: RecordedEvent): void => {
  applyOne(world, event, null);
  world.position = event.position;
  world.now = event.at;
};

/** Events folded per immer `produce`: one draft per batch, never one per event. */
export const batchSize = 5000;


/** How a fold treats provenance: `false` leaves it out (a timeline keeps one index for the whole log). */
export interface FoldOptions {
  readonly provenance?: boolean;
}

/** A world of its own, nothing shared with `emptyWorld`, for folding in place. */
const freshWorld = (): World => structuredClone(emptyWorld);

/**
 * Replay from the beginning: the same handlers, applied in place to a world nobody else holds, with no
 * drafts at all. Used when a whole log is folded from nothing (opening a lab, a findings run).
 */
export const foldFromScratch = (events: readonly RecordedEvent[], options: FoldOptions = {}): World => {
  const world = freshWorld() as Draft<World>;
  const gathered: Provenance | null = options.provenance === false ? null : new Map();
  for (const event of events) applyOne(world, event, gathered);
  for (const [key, positions] of gathered ?? []) world.provenance[key] = settled(positions);
  const last = events[events.length - 1];
  if (last) {
    world.position = last.position;
    world.now = last.at;
  }
  return world as World;
};

/** The world after `events`, folded from `from` in batches. Pure: no signing, no IO. */
export const fold = (events: readonly RecordedEvent[], from: World = emptyWorld, options: FoldOptions = {}): World => {
  if (from === emptyWorld && events.length > batchSize) return foldFromScratch(events, options);
  let world = from;
  for (let start = 0; start < events.length; start += batchSize) {
    const end = Math.min(events.length, start + batchSize);
    world = produce(world, (draft) => {
      const gathered: Provenance | null = options.provenance === false ? null : new Map();
      for (let i = start; i < end; i += 1) applyOne(draft, events[i]!, gathered);
      if (gathered) flushProvenance(draft, gathered);
      draft.position = events[end - 1]!.position;
      draft.now = events[end - 1]!.at;
    });
  }
  return world;
};
