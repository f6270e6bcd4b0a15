import type { SimTime } from '../../domain/index.ts';
import type { LabEvent, RecordedEvent } from '../../domain/index.ts';
import { guardOf, makerOf, type CodedError } from './coded.ts';

/** An event ready to append: its simulated time is decided by the engine, its position by the store. */
export type PendingEvent = LabEvent & { readonly at: SimTime };

/** One lab = one totally ordered stream; appends are optimistic on the expected version. */
export interface EventStore {
  /** Events of the lab from position `from` (1-based, inclusive) to `to` (inclusive). Never changes the log. */
  read(lab: string, range?: { from?: number; to?: number }): Promise<RecordedEvent[]>;
  /** Appends after `expectedVersion` (the last position the caller saw); resolves to the new version. */
  append(lab: string, events: readonly PendingEvent[], expectedVersion: number): Promise<number>;
  /** Cuts the log after `position` (going back); `expectedVersion` is checked as for an append. */
  truncate(lab: string, position: number, expectedVersion: number): Promise<number>;
  version(lab: string): Promise<number>;
}

/** Failure codes of the EventStore port, each a way an EventStore adapter fails. */
const eventStoreErrorCodes = [
  /** Another writer appended (or went back) after the version the caller read. */
  'EVENTSTORE_VERSION_CONFLICT',
  /** A stored event does not pass the checks a log passes when it opens (its `problem` says which). */
  'EVENTSTORE_CORRUPT_LOG',
  /** Another process holds the lab's writer lock. */
  'EVENTSTORE_LOCKED',
  /** This process held the writer lock and no longer does. */
  'EVENTSTORE_LOCK_LOST',
  /** The store was opened for reading only. */
  'EVENTSTORE_READ_ONLY',
  /** A lab id the store cannot keep (not a plain file name, for the JSONL store). */
  'EVENTSTORE_LAB_ID_INVALID',
  /** A truncate position outside 0…expected version. */
  'EVENTSTORE_POSITION_OUT_OF_RANGE',
] as const;
export type EventStoreErrorCode = (typeof eventStoreErrorCodes)[number];

export type EventStoreError<C extends EventStoreErrorCode = EventStoreErrorCode> = CodedError<C>;
/** A log that failed its checks: `problem` is the check's own code (LOG_POSITION_GAP…), when there is one. */
export type CorruptLogError = EventStoreError<'EVENTSTORE_CORRUPT_LOG'> & { readonly problem?: string };

/** Whether `error` is an EventStore failure (of `code`, when given). */
export const isEventStoreError = guardOf(eventStoreErrorCodes);
export const eventStoreError = makerOf<EventStoreErrorCode>();
