import type { RecordedEvent } from '../../domain/index.ts';
import type { PendingEvent } from '../../workflows/index.ts';

/** The text an event is stored as: one JSON object, the same bytes in a JSONL line (before its chain mark) and in PostgreSQL. */
export const eventText = (event: RecordedEvent): string => JSON.stringify(event);

/** An event an append stores: its text, and the value read back from that text (what a later read returns). */
interface StoredEvent {
  readonly text: string;
  readonly event: RecordedEvent;
}

/** The events of an append as a store keeps them, their positions following `after`: the one serialisation both stores use. */
export const storedEvents = (events: readonly PendingEvent[], after: number): StoredEvent[] =>
  events.map((e, i) => {
    const text = eventText({ ...e, position: after + i + 1 } as RecordedEvent);
    return { text, event: JSON.parse(text) as RecordedEvent };
  });
