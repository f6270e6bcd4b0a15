import type { PoolClient } from 'pg';
import { eventStoreError } from '../../workflows/index.ts';
import { transaction, type Database } from './database.ts';
import type { LabEvents, LabNotice } from './event-cache.ts';

/** Where a truncate moves the lab: from `expected` back to `next`, under the generation this process read. */
interface Move {
  readonly lab: string;
  readonly generation: number;
  readonly expected: number;
  readonly next: number;
}

/** Moves the lab's version back, starting a new generation (the events past `next` are gone), or says who won. */
const moveBack = async (db: Database, labs: LabEvents, client: PoolClient, move: Move): Promise<number> => {
  const { lab, expected } = move;
  const moved = await client.query<{ generation: number }>(
    `UPDATE ${db.table('labs')} SET version = $3, updated = now(), generation = generation + 1
     WHERE lab = $1 AND version = $2 AND generation = $4 RETURNING generation`,
    [lab, expected, move.next, move.generation],
  );
  if (moved.rowCount === 1) return moved.rows[0]!.generation;
  const now = await client.query<{ version: number }>(`SELECT version FROM ${db.table('labs')} WHERE lab = $1`, [lab]);
  throw labs.conflict(
    lab,
    now.rows[0] ? `${now.rows[0].version}${now.rows[0].version === expected ? ' (after another writer went back and forth)' : ''}` : 0,
    expected,
  );
};

const notify = (db: Database, client: PoolClient, notice: LabNotice) =>
  client.query('SELECT pg_notify($1, $2)', [db.channel, JSON.stringify(notice)]);

/**
 * Cuts the lab back to its first `position` events, in one transaction that moves the version back (a new
 * generation), deletes the events past it and tells the other processes. Answers the new version.
 */
export const truncateEvents = async (
  db: Database,
  labs: LabEvents,
  lab: string,
  position: number,
  expectedVersion: number,
): Promise<number> => {
  const { cache, load, conflict } = labs;
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
    const generation = await moveBack(db, labs, client, { lab, generation: held.generation, expected: expectedVersion, next: position });
    await client.query(`DELETE FROM ${db.table('events')} WHERE lab = $1 AND position > $2`, [lab, position]);
    await notify(db, client, { lab, version: position, generation });
  });
  return (await load(lab)).checker.result.events.length;
};
