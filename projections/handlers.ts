import type { Draft } from 'immer';
import type { LabEvent, RecordedEvent, World } from '../domain/index.ts';

/** How one event type changes a draft world. */
export type Handler<E extends LabEvent> = (world: Draft<World>, event: RecordedEvent<E>) => void;

/**
 * A handler for every event type of a union: a table keyed by `type`, so that a missing event type is a
 * compile error (exhaustive by construction) and dispatch is one property read on the replay hot path.
 */
export type Handlers<E extends LabEvent> = { readonly [K in E['type']]: Handler<Extract<E, { type: K }>> };
