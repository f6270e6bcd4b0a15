import { join } from 'node:path';
import type { Observable } from 'rxjs';
import type { LabPorts } from '../../workflows/index.ts';
import { generatedKeys, type KeySource } from '../keystore/key-source.ts';
import { x509Signer } from '../x509/signer.ts';
import { openDatabase, StoreError, transaction, type Database } from './database.ts';
import { postgresEventStore, type PostgresEventStore } from './events.ts';
import { followLab, type LabChange } from './follow.ts';
import { postgresKeyStore, postgresSecretStore } from './keys.ts';
import { checkLabName } from './names.ts';
import { postgresPfxFiles } from './pfx.ts';

/** One lab of a store as `pkilab labs` lists it. */
interface LabSummary {
  readonly lab: string;
  readonly version: number;
  readonly created: string;
  /** The last append or truncate, wall-clock time of the server. */
  readonly updated: string;
}

/** Labs in a PostgreSQL database: many labs, many processes and machines at once. */
export interface PostgresStore {
  readonly db: Database;
  readonly shown: string;
  readonly events: PostgresEventStore;
  /** The ports of one lab; PFX exports are also written under `folder` (default .pkilab/store/<lab>/exports). */
  ports(lab: string, folder?: string): LabPorts & { readonly secrets: ReturnType<typeof postgresSecretStore> };
  /** Labs whose name starts with `prefix` (all by default), by name. */
  list(prefix?: string): Promise<LabSummary[]>;
  /** The lab as it grows (LISTEN/NOTIFY), as an rxjs Observable. */
  follow(lab: string): Observable<LabChange>;
  /** Copies the files a lab keeps in the store (its exported PFX files) into another lab, replacing any of the same name. */
  copyFiles(from: string, to: string): Promise<void>;
  /** Removes a lab whole (its events, keys, secrets and files): only on an explicit --force. */
  drop(lab: string): Promise<void>;
  close(): Promise<void>;
}

/** The local folder of a store's lab: where its artifacts and exported files are written for the person. */
export const localFolderOf = (lab: string): string => join('.pkilab', 'store', checkLabName(lab));

/** Opens the store a URL names; its labs' new keys come from `keys` (generated on the spot unless given a pool). */
export const openPostgresStore = async (
  url: string,
  onWarning?: (message: string) => void,
  keys: KeySource = generatedKeys,
): Promise<PostgresStore> => {
  const db = await openDatabase(url);
  const events = postgresEventStore(db, onWarning);
  return {
    db,
    events,
    shown: db.shown,
    ports(lab, folder = localFolderOf(lab)) {
      checkLabName(lab);
      const store = postgresKeyStore(db, lab, keys);
      const secrets = postgresSecretStore(db, lab);
      const pfx = postgresPfxFiles(db, lab, join(folder, 'exports'), store, secrets);
      return { events, keys: store, secrets, signer: x509Signer(store), pfx };
    },
    async list(prefix = '') {
      const { rows } = await db.pool.query<{ lab: string; version: number; created: Date; updated: Date }>(
        `SELECT lab, version, created, updated FROM ${db.table('labs')} WHERE version > 0 AND left(lab, length($1)) = $1 ORDER BY lab`,
        [prefix],
      );
      return rows.map((r) => ({ lab: r.lab, version: r.version, created: r.created.toISOString(), updated: r.updated.toISOString() }));
    },
    follow: (lab) => followLab(db, checkLabName(lab)),
    async copyFiles(from, to) {
      const files = db.table('files');
      const upsert = `INSERT INTO ${files} (lab, name, content) SELECT $2, name, content FROM ${files} WHERE lab = $1`;
      const replace = 'ON CONFLICT (lab, name) DO UPDATE SET content = EXCLUDED.content';
      await db.pool.query(`${upsert} ${replace}`, [checkLabName(from), checkLabName(to)]);
    },
    async drop(lab) {
      checkLabName(lab);
      await transaction(db, async (client) => {
        for (const table of ['events', 'keys', 'secrets', 'files'] as const)
          await client.query(`DELETE FROM ${db.table(table)} WHERE lab = $1`, [lab]);
        // The row stays, at version 0 in a new generation: a process that read the old lab can never take it for this one.
        await client.query(`UPDATE ${db.table('labs')} SET version = 0, generation = generation + 1, updated = now() WHERE lab = $1`, [
          lab,
        ]);
      });
    },
    close: () => db.close(),
  };
};

/** A lab a command must create, refused when the store already holds it (unless the person said --force). */
export const claimNewLab = async (store: PostgresStore, lab: string, force: boolean): Promise<void> => {
  if ((await store.events.version(lab)) === 0) return;
  if (!force) {
    const how = 'choose another name, or add --force to replace it (its events, keys and secrets are deleted)';
    throw new StoreError('STORE_LAB_EXISTS', `${store.events.where(lab)} already holds a lab; ${how}`);
  }
  await store.drop(lab);
};
