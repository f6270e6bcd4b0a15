import { eventStoreError } from '../../workflows/index.ts';
import { logChecker, refuseBrokenLog, type LogChecker } from '../eventstore/validate.ts';
import type { Database } from './database.ts';
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

/** The labs this process has read from one database, kept checked and brought up to date on demand. */
export interface LabEvents {
  readonly cache: Map<string, Cached>;
  /** Where the lab lives, for messages: `postgres://host/db#lab`. */
  where(lab: string): string;
  /** The lab's events, brought up to the database (only the rows past what is held are read) and checked. */
  load(lab: string): Promise<Cached>;
  /** EVENTSTORE_VERSION_CONFLICT: the lab is at `found`, the change expected `expected`. */
  conflict(lab: string, found: number | string, expected: number): Error;
}

export const labEvents = (db: Database, onWarning: (message: string) => void): LabEvents => {
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

  return { cache, where, load, conflict };
};
