import type { PendingEvent } from '../../workflows/index.ts';
import { storedEvents } from '../eventstore/event-text.ts';
import { refuseBrokenLog } from '../eventstore/validate.ts';
import { isUniqueViolation, type Database } from './database.ts';
import type { LabEvents, LabNotice } from './event-cache.ts';
import { checkLabName } from './names.ts';

/** Room for the events' text in a notification, leaving some for the rest of it. */
const payloadRoom = 7000;

/**
 * Appends `events` to the lab at `expectedVersion`: the new events pass the checks a lab gets when it opens, then
 * one statement moves the version and inserts them (a second writer with the same expectation gets
 * EVENTSTORE_VERSION_CONFLICT), then a notice tells the other processes. Answers the new version.
 */
export const appendEvents = async (
  db: Database,
  labs: LabEvents,
  lab: string,
  events: readonly PendingEvent[],
  expectedVersion: number,
): Promise<number> => {
  const { cache, load, conflict } = labs;
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
};
