import type { RecordedEvent } from '../../domain/index.ts';
import { eventStoreError, type EventStore, type PendingEvent } from '../../workflows/index.ts';
import { storedEvents } from '../eventstore/event-text.ts';
import { logChecker, refuseBrokenLog, type LogChecker } from '../eventstore/validate.ts';
import { isUniqueViolation, transaction, type Database } from './database.ts';
import { checkLabName } from './names.ts';

/** What this process has read of a lab: the checked events, and the generation (bumped by every truncate) they belong to. */
interface Cached {
  readonly checker: LogChecker;
  readonly generation: number;
  /** Warnings of the checks already told (simulated time going back, say): each is told once. */
  reported: number;
}

/** What appends and truncates publish with NOTIFY: the lab, its new version and generation. */
export interface LabNotice {
  readonly lab: string;
  readonly version: number;
  readonly generation: number;
  /** The appended events' text when they fit in a notification (NOTIFY payloads stop at 8000 bytes). */
  readonly texts?: readonly string[];
}

/** Room for the events' text in a notification, leaving some for the rest of it. */
const payloadRoom = 7000;

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
  const cache = new Map<string, Cached>();
  const where = (lab: string) => `${db.shown}#${lab}`;
  const fresh = (lab: string, generation: number): Cached => ({
    checker: logChecker(where(lab), { where: (n) => `${where(lab)}:${n}` }),
    generation,
    reported: 0,
  });

  /** Brings the cached events up to the database in one statement (one snapshot): only rows past what is held. */
  const load = async (lab: string): Promise<Cached> => {
    checkLabName(lab);
    const held = cache.get(lab);
    const after = held?.checker.result.events.length ?? 0;
    const { rows } = await db.pool.query<{ generation: number; position: number | null; body: string | null }>({
      name: `pkilab-read-${db.schema}`,
      text: `SELECT l.generation, e.position, e.body FROM ${db.table('labs')} l
       LEFT JOIN ${db.table('events')} e ON e.lab = l.lab AND e.position > $2 WHERE l.lab = $1 ORDER BY e.position`,
      values: [lab, after],
    });
    if (rows.length === 0) {
      cache.delete(lab);
      return fresh(lab, 0);
    }
    const generation = rows[0]!.generation;
    if (held && held.generation !== generation && after > 0) {
      cache.delete(lab);
      return load(lab);
    }
    const loaded = held && held.generation === generation ? held : fresh(lab, generation);
    const entries = rows
      .filter((r) => r.body !== null)
      .map((r) => {
        try {
          return { line: r.position!, event: JSON.parse(r.body!) as unknown };
        } catch {
          throw eventStoreError(
            'EVENTSTORE_CORRUPT_LOG',
            `${where(lab)}:${r.position}: expected one JSON event, found ${JSON.stringify(r.body!.slice(0, 60))}`,
          );
        }
      });
    loaded.checker.add(entries);
    cache.set(lab, loaded);
    for (const warning of loaded.checker.result.warnings.slice(loaded.reported)) onWarning(warning.message);
    loaded.reported = loaded.checker.result.warnings.length;
    try {
      refuseBrokenLog(loaded.checker);
    } catch (error) {
      cache.delete(lab);
      throw error;
    }
    return loaded;
  };

  const conflict = (lab: string, found: number | string, expected: number) =>
    eventStoreError('EVENTSTORE_VERSION_CONFLICT', `${where(lab)} is at version ${found}; the change expected ${expected}.`);

  /** Moves the lab's version from `expected` to `next` under the generation this process read, or says who won. */
  const move = async (client: import('pg').PoolClient, lab: string, held: Cached, expected: number, next: number, truncating: boolean) => {
    const moved = await client.query<{ generation: number }>(
      `UPDATE ${db.table('labs')} SET version = $3, updated = now()${truncating ? ', generation = generation + 1' : ''}
       WHERE lab = $1 AND version = $2 AND generation = $4 RETURNING generation`,
      [lab, expected, next, held.generation],
    );
    if (moved.rowCount === 1) return moved.rows[0]!.generation;
    const now = await client.query<{ version: number }>(`SELECT version FROM ${db.table('labs')} WHERE lab = $1`, [lab]);
    throw conflict(
      lab,
      now.rows[0] ? `${now.rows[0].version}${now.rows[0].version === expected ? ' (after another writer went back and forth)' : ''}` : 0,
      expected,
    );
  };

  const notify = (client: import('pg').PoolClient, notice: LabNotice) =>
    client.query('SELECT pg_notify($1, $2)', [db.channel, JSON.stringify(notice)]);

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
    async append(lab, events: readonly PendingEvent[], expectedVersion) {
      checkLabName(lab);
      // A cache at the expected version is enough to check the new events against: if another writer moved
      // the lab on since, the database refuses below. Otherwise catch up first.
      let held = cache.get(lab);
      if (!held || held.checker.result.events.length !== expectedVersion) held = await load(lab);
      const found = held.checker.result.events.length;
      if (found !== expectedVersion) throw conflict(lab, found, expectedVersion);
      const stored = storedEvents(events, expectedVersion);
      const texts = stored.map((e) => e.text);
      // The new events pass the checks a lab gets when it opens, before anything is written.
      held.checker.add(stored.map(({ event }, i) => ({ line: expectedVersion + i + 1, event })));
      try {
        refuseBrokenLog(held.checker);
      } catch (error) {
        cache.delete(lab);
        throw Object.assign(error as Error, { message: `refusing to append: ${(error as Error).message}` });
      }
      const version = expectedVersion + texts.length;
      const size = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
      const notice: LabNotice = { lab, version, generation: held.generation, ...(size <= payloadRoom ? { texts } : {}) };
      try {
        if (expectedVersion === 0) await db.pool.query(`INSERT INTO ${db.table('labs')} (lab) VALUES ($1) ON CONFLICT DO NOTHING`, [lab]);
        // One statement, so one transaction and one round trip: move the version and insert the events.
        // A prepared statement (named, per connection): parsed and planned once, not at every append.
        const { rows } = await db.pool.query<{ moved: boolean }>({
          name: `pkilab-append-${db.schema}`,
          text: `WITH moved AS (UPDATE ${db.table('labs')} SET version = $3, updated = now() WHERE lab = $1 AND version = $2 AND generation = $4 RETURNING lab),
           added AS (INSERT INTO ${db.table('events')} (lab, position, type, body)
             SELECT $1, u.* FROM unnest($5::integer[], $6::text[], $7::text[]) AS u WHERE EXISTS (SELECT 1 FROM moved) RETURNING position)
           SELECT EXISTS (SELECT 1 FROM moved) AS moved, (SELECT count(*) FROM added) AS added`,
          values: [
            lab,
            expectedVersion,
            version,
            held.generation,
            texts.map((_, i) => expectedVersion + i + 1),
            events.map((e) => e.type),
            texts,
          ],
        });
        if (!rows[0]?.moved) {
          const now = await db.pool.query<{ version: number }>(`SELECT version FROM ${db.table('labs')} WHERE lab = $1`, [lab]);
          const at = now.rows[0]?.version ?? 0;
          throw conflict(lab, `${at}${at === expectedVersion ? ' (after another writer went back and forth)' : ''}`, expectedVersion);
        }
      } catch (error) {
        cache.delete(lab);
        if (isUniqueViolation(error)) throw conflict(lab, 'past it (another writer took the same position)', expectedVersion);
        throw error;
      }
      // Told once committed, outside the append's transaction (database.ts says why); a notice that fails is a
      // lost hint, never a failed append: the events are committed.
      await db.notify(JSON.stringify(notice)).catch(() => undefined);
      return version;
    },
    async truncate(lab, position, expectedVersion) {
      const held = await load(lab);
      const found = held.checker.result.events.length;
      if (found !== expectedVersion) throw conflict(lab, found, expectedVersion);
      if (!Number.isInteger(position) || position < 0 || position > expectedVersion) {
        throw eventStoreError(
          'EVENTSTORE_POSITION_OUT_OF_RANGE',
          `truncate: expected a position from 0 to ${expectedVersion}, found ${position}`,
        );
      }
      if (expectedVersion === 0) return 0;
      cache.delete(lab);
      await transaction(db, async (client) => {
        const generation = await move(client, lab, held, expectedVersion, position, true);
        await client.query(`DELETE FROM ${db.table('events')} WHERE lab = $1 AND position > $2`, [lab, position]);
        await notify(client, { lab, version: position, generation });
      });
      return (await load(lab)).checker.result.events.length;
    },
    async version(lab) {
      return (await load(lab)).checker.result.events.length;
    },
  };
};
