import type { RecordedEvent } from '../../domain/index.ts';
import type { EventStore, PendingEvent } from '../../workflows/index.ts';
import { refuseBrokenLog } from '../eventstore/validate.ts';
import type { Database } from './database.ts';
import { appendEvents } from './event-append.ts';
import { labEvents, type LabNotice } from './event-cache.ts';
import { truncateEvents } from './event-truncate.ts';

export type { LabNotice } from './event-cache.ts';

export interface PostgresEventStore extends EventStore {
  /** Where the lab lives, for messages: `postgres://host/db#lab`. */
  where(lab: string): string;
  /**
   * The lab's events after a notice, without a query when this store already holds them or the notice
   * carries the events that follow (they pass the same checks as a read); undefined when a read is needed.
   */
  accept(notice: LabNotice): readonly RecordedEvent[] | undefined;
}

/**
 * Labs as streams in PostgreSQL. Each event is stored as the exact JSON text pkilab would write (so a lab
 * copied out to JSONL and back keeps every byte), under a primary key (lab, position). An append is one
 * transaction that moves the lab's version from the expected one (and the generation the writer read) to
 * the new one: a second writer with the same expectation finds no row to move (or, failing that, the
 * primary key) and gets EVENTSTORE_VERSION_CONFLICT. Every event read or about to be written passes the
 * same checks as a JSONL log; a broken lab does not open.
 */
export const postgresEventStore = (db: Database, onWarning: (message: string) => void = () => undefined): PostgresEventStore => {
  const labs = labEvents(db, onWarning);
  const { cache, where, load } = labs;

  return {
    where,
    accept(notice) {
      const held = cache.get(notice.lab);
      if (!held || held.generation !== notice.generation) return undefined;
      const events = held.checker.result.events;
      if (events.length >= notice.version) return events.slice();
      if (!notice.texts || events.length !== notice.version - notice.texts.length) return undefined;
      try {
        held.checker.add(notice.texts.map((text, i) => ({ line: events.length + i + 1, event: JSON.parse(text) as unknown })));
        refuseBrokenLog(held.checker);
      } catch (error) {
        cache.delete(notice.lab);
        throw error;
      }
      return held.checker.result.events.slice();
    },
    async read(lab, range = {}) {
      return (await load(lab)).checker.result.events.slice((range.from ?? 1) - 1, range.to ?? undefined);
    },
    append: (lab, events: readonly PendingEvent[], expectedVersion) => appendEvents(db, labs, lab, events, expectedVersion),
    truncate: (lab, position, expectedVersion) => truncateEvents(db, labs, lab, position, expectedVersion),
    async version(lab) {
      return (await load(lab)).checker.result.events.length;
    },
  };
};
