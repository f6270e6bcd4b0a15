import type { RecordedEvent } from '../../domain/index.ts';
import { eventStoreError, type EventStore } from '../../workflows/index.ts';

/** Labs in memory: the reference behaviour the file and database stores must match. */
export const memoryEventStore = (): EventStore => {
  const labs = new Map<string, RecordedEvent[]>();
  const log = (lab: string) => labs.get(lab) ?? [];
  return {
    async read(lab, range = {}) {
      return log(lab).slice((range.from ?? 1) - 1, range.to ?? undefined);
    },
    async append(lab, events, expectedVersion) {
      const current = log(lab);
      if (current.length !== expectedVersion) {
        throw eventStoreError(
          'EVENTSTORE_VERSION_CONFLICT',
          `Lab "${lab}" is at version ${current.length}; the append expected ${expectedVersion}.`,
        );
      }
      const stored = events.map((e, i) => structuredClone({ ...e, position: expectedVersion + i + 1 }) as RecordedEvent);
      labs.set(lab, [...current, ...stored]);
      return current.length + stored.length;
    },
    async truncate(lab, position, expectedVersion) {
      const current = log(lab);
      if (current.length !== expectedVersion) {
        throw eventStoreError(
          'EVENTSTORE_VERSION_CONFLICT',
          `Lab "${lab}" is at version ${current.length}; the change expected ${expectedVersion}.`,
        );
      }
      if (!Number.isInteger(position) || position < 0 || position > expectedVersion) {
        throw eventStoreError(
          'EVENTSTORE_POSITION_OUT_OF_RANGE',
          `truncate: expected a position from 0 to ${expectedVersion}, found ${position}`,
        );
      }
      labs.set(lab, current.slice(0, position));
      return position;
    },
    async version(lab) {
      return log(lab).length;
    },
  };
};
