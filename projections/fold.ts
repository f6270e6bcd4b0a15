import { castDraft, isDraft, original, produce, setAutoFreeze, type Draft } from 'immer';
import { emptyWorld, type LabEvent, type RecordedEvent, type World } from '../domain/index.ts';
import { adminHandlers } from './admin.ts';
import { caHandlers } from './ca.ts';
import { configMgrHandlers } from './configmgr.ts';
import { directoryHandlers } from './directory.ts';
import type { Handler, Handlers } from './handlers.ts';
import { hostsHandlers } from './hosts.ts';
import { provenanceAfter } from './lazy-provenance.ts';
import { workflowHandlers } from './workflow.ts';

/** Every event type of the lab has its handler: a missing one does not compile. */
const handlers: Handlers<LabEvent> = {
  ...directoryHandlers,
  ...caHandlers,
  ...hostsHandlers,
  ...configMgrHandlers,
  ...workflowHandlers,
  ...adminHandlers,
};

/**
 * Frozen worlds cost a deep walk on every batch; nothing in pkilab mutates a world outside `produce`
 * (the types are readonly), so immer's auto-freeze is off.
 */
setAutoFreeze(false);

/** The provenance a draft holds, as the record it is (a plain record read through a draft comes back as one). */
const provenanceOf = (world: Draft<World>): World['provenance'] => {
  const record = world.provenance;
  return isDraft(record) ? (original(record) as World['provenance']) : (record as World['provenance']);
};

const applyOne = (world: Draft<World>, event: RecordedEvent): void => {
  (handlers[event.type] as Handler<LabEvent>)(world, event);
};

const skip: Handler<LabEvent> = () => undefined;

/**
 * Applies `events[start..end)` to a world in place, without provenance; `passes: false` leaves autoenrollment passes
 * out. An event's type read from a log is not an interned string, so looking it up in the table hashes it every time;
 * a log runs in stretches of one type (a timer pass on every host), so the handler of the event before is kept and
 * reused while the type text stays the same.
 */
const applyRange = (world: Draft<World>, events: readonly RecordedEvent[], start: number, end: number, passes: boolean): void => {
  let type = '';
  let handler = skip;
  for (let i = start; i < end; i += 1) {
    const event = events[i]!;
    if (event.type !== type) {
      type = event.type;
      handler = passes || type !== 'AutoenrollmentRan' ? (handlers[event.type] as Handler<LabEvent>) : skip;
    }
    handler(world, event);
  }
};

/** Applies one recorded event to a draft world, and records its position under the entities it shapes. */
export const apply = (world: Draft<World>, event: RecordedEvent): void => {
  applyOne(world, event);
  world.provenance = castDraft(provenanceAfter(provenanceOf(world), [event]));
  world.position = event.position;
  world.now = event.at;
};

/** Applies one event to a draft world without recording provenance (a working world that only decides). */
export const applyUntracked = (world: Draft<World>, event: RecordedEvent): void => {
  applyOne(world, event);
  world.position = event.position;
  world.now = event.at;
};

/** Events folded per immer `produce` unless told otherwise: one draft per batch, never one per event. */
const batchSize = 5000;

/**
 * How a fold treats provenance: `false` leaves it as it was (a timeline keeps one index for the whole log);
 * otherwise it is extended by the folded events, built when first read. `passes: false` leaves autoenrollment
 * passes off their hosts (a timeline lays them over its checkpoints). `batch` sets the events per draft.
 */
interface FoldOptions {
  readonly provenance?: boolean;
  readonly passes?: boolean;
  readonly batch?: number;
}

/** A world of its own, nothing shared with `emptyWorld`, for folding in place. */
const freshWorld = (): World => structuredClone(emptyWorld);

/**
 * Replay from the beginning: the same handlers, applied in place to a world nobody else holds, with no
 * drafts at all. Used when a whole log is folded from nothing (opening a lab, a findings run).
 */
export const foldFromScratch = (events: readonly RecordedEvent[], options: FoldOptions = {}): World => {
  const world = freshWorld() as Draft<World>;
  applyRange(world, events, 0, events.length, options.passes !== false);
  if (options.provenance !== false) world.provenance = castDraft(provenanceAfter(world.provenance as World['provenance'], events.slice()));
  const last = events[events.length - 1];
  if (last) {
    world.position = last.position;
    world.now = last.at;
  }
  return world as World;
};

/**
 * The world after `events`, folded from `from` in batches of one immer draft each. A log folded from nothing is folded
 * in place, whatever its length (a draft costs tens of times the handlers' own work), unless a batch size is given.
 * Pure: no signing, no IO.
 */
export const fold = (events: readonly RecordedEvent[], from: World = emptyWorld, options: FoldOptions = {}): World => {
  const batch = Math.max(1, options.batch ?? batchSize);
  if (from === emptyWorld && options.batch === undefined && events.length > 0) return foldFromScratch(events, options);
  let world = from;
  for (let start = 0; start < events.length; start += batch) {
    const end = Math.min(events.length, start + batch);
    world = produce(world, (draft) => {
      applyRange(draft, events, start, end, options.passes !== false);
      if (options.provenance !== false) draft.provenance = castDraft(provenanceAfter(provenanceOf(draft), events.slice(start, end)));
      draft.position = events[end - 1]!.position;
      draft.now = events[end - 1]!.at;
    });
  }
  return world;
};
