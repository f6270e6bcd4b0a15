import { createDraft, current, finishDraft, isDraft, type Draft } from 'immer';
import type { RecordedEvent, World } from '../domain/index.ts';
import { applyUntracked } from './fold.ts';

/**
 * A world a step owns while it decides: one immer draft for the whole step, so each record the step writes (the
 * CA's issued certificates, the hosts' stores) is copied once, not once per decision. Provenance is not kept
 * (decisions never read it; the step's commit folds it). `rollback` returns to an earlier count of applied events
 * by folding them again from the base, for the rare command rejected after some of its events were applied.
 */
export interface WorkingWorld {
  /** The draft, read as a world by the deciders. */
  readonly world: World;
  /** Events applied since the base. */
  readonly applied: number;
  apply(events: readonly RecordedEvent[]): void;
  rollback(applied: number): void;
  /** The world reached, as an ordinary (finished) world; the working world is not used after this. */
  finish(): World;
}

export const workingWorld = (base: World): WorkingWorld => {
  let draft: Draft<World> = createDraft(base);
  const kept: RecordedEvent[] = [];
  return {
    get world() {
      return draft as World;
    },
    get applied() {
      return kept.length;
    },
    apply(events) {
      for (const event of events) {
        applyUntracked(draft, event);
        kept.push(event);
      }
    },
    rollback(applied) {
      const again = kept.splice(0, applied);
      kept.length = 0;
      draft = createDraft(base);
      this.apply(again);
    },
    finish: () => finishDraft(draft) as World,
  };
};

/**
 * A value decided from a working world, with every draft it holds replaced by a plain copy: deciders read parts of
 * the world (a template, a principal) into the events they make, and an event outlives the draft it was read from.
 */
export const detached = <T>(value: T): T => {
  if (isDraft(value)) return current(value as Draft<T>) as T;
  if (Array.isArray(value)) {
    const items = value.map(detached);
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const plain = detached(item);
    if (plain !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = plain;
  }
  return (copy ?? value) as T;
};
