import { keyStoreError, secretStoreError, type KeyStore, type SecretStore } from '../../workflows/index.ts';
import { generatedKeys, type KeySource } from '../keystore/key-source.ts';
import { publicKeyOf } from '../keystore/rsa.ts';
import { nextRef } from '../secrets/memory.ts';
import { isUniqueViolation, type Database } from './database.ts';
import { storeSealer, type Sealer } from './seal.ts';

type Kind = 'keys' | 'secrets';

/** Sealed values of one lab in one table: read, and insert-if-absent (never replaced). */
const sealedTable = (db: Database, lab: string, kind: Kind) => {
  const place = (ref: string) => `${kind}:${lab}:${ref}`;
  const open = (sealer: Sealer, row: { nonce: Buffer; sealed: Buffer }, ref: string): string => {
    try {
      return sealer.open(row.nonce, row.sealed, place(ref));
    } catch {
      const message = `${db.shown}#${lab}: the sealed ${kind === 'keys' ? 'key' : 'secret'} "${ref}" does not open: it was changed, or moved from another lab or ref`;
      throw kind === 'keys' ? keyStoreError('KEYSTORE_KEY_INVALID', message) : secretStoreError('SECRETS_CORRUPT', message);
    }
  };
  return {
    async get(ref: string): Promise<string | undefined> {
      const { rows } = await db.pool.query<{ nonce: Buffer; sealed: Buffer }>(
        `SELECT nonce, sealed FROM ${db.table(kind)} WHERE lab = $1 AND ref = $2`,
        [lab, ref],
      );
      if (!rows[0]) return undefined;
      return open(await storeSealer(db), rows[0], ref);
    },
    async all(): Promise<Record<string, string>> {
      const { rows } = await db.pool.query<{ ref: string; nonce: Buffer; sealed: Buffer }>(
        `SELECT ref, nonce, sealed FROM ${db.table(kind)} WHERE lab = $1 ORDER BY ref`,
        [lab],
      );
      if (rows.length === 0) return {};
      const sealer = await storeSealer(db);
      return Object.fromEntries(rows.map((r) => [r.ref, open(sealer, r, r.ref)]));
    },
    /** Inserts the value unless the ref is taken; says which. */
    async add(ref: string, value: string): Promise<'added' | 'taken'> {
      const { nonce, sealed } = (await storeSealer(db)).seal(value, place(ref));
      const { rowCount } = await db.pool.query(
        `INSERT INTO ${db.table(kind)} (lab, ref, nonce, sealed) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [lab, ref, nonce, sealed],
      );
      return rowCount === 1 ? 'added' : 'taken';
    },
    async has(ref: string): Promise<boolean> {
      return (await db.pool.query(`SELECT 1 FROM ${db.table(kind)} WHERE lab = $1 AND ref = $2`, [lab, ref])).rowCount === 1;
    },
  };
};

/**
 * A lab's private keys in PostgreSQL, never in clear: each PKCS#8 is sealed with AES-256-GCM under a key
 * derived from PKILAB_KEY_PASSPHRASE, bound to its lab and reference. A key is inserted once and never
 * replaced; two processes generating the same ref keep the first key stored. New keys come from `source`
 * (the user's key pool in the CLI).
 */
export const postgresKeyStore = (db: Database, lab: string, source: KeySource = generatedKeys): KeyStore => {
  const table = sealedTable(db, lab, 'keys');
  const where = `${db.shown}#${lab}`;
  return {
    async generate(ref, size) {
      const orphan = await table.get(ref);
      if (orphan) return publicKeyOf(orphan);
      const { pkcs8, spki } = await source(size);
      if ((await table.add(ref, pkcs8)) === 'taken') return publicKeyOf((await table.get(ref))!);
      return spki;
    },
    async privateKey(ref) {
      const key = await table.get(ref);
      if (key === undefined)
        throw keyStoreError('KEYSTORE_KEY_MISSING', `Expected the private key "${ref}" of ${where}; the store holds none under that name.`);
      return key;
    },
    async put(ref, pkcs8) {
      if ((await table.add(ref, pkcs8)) === 'taken' && (await table.get(ref)) !== pkcs8) {
        throw keyStoreError(
          'KEYSTORE_KEY_EXISTS',
          `${where} already holds a different key named "${ref}"; refusing to overwrite a private key.`,
        );
      }
    },
    has: (ref) => table.has(ref),
  };
};

/** A lab's secrets (PFX passwords) in PostgreSQL, sealed like its keys; references are handed out in order. */
export const postgresSecretStore = (db: Database, lab: string): SecretStore & { all(): Promise<Record<string, string>> } => {
  const table = sealedTable(db, lab, 'secrets');
  const where = `${db.shown}#${lab}`;
  return {
    async seal(value) {
      for (;;) {
        const secrets = await table.all();
        const known = Object.entries(secrets).find(([, v]) => v === value);
        if (known) return { secret: known[0] };
        const ref = nextRef(Object.keys(secrets).length);
        // Another writer may take the same reference first: then look again.
        if ((await table.add(ref.secret, value).catch((e) => (isUniqueViolation(e) ? 'taken' : Promise.reject(e)))) === 'added') return ref;
      }
    },
    async reveal(ref) {
      const value = await table.get(ref.secret);
      if (value === undefined)
        throw secretStoreError('SECRETS_MISSING', `The secret "${ref.secret}" is not among the secrets of ${where}.`);
      return value;
    },
    async put(ref, value) {
      if ((await table.add(ref.secret, value)) === 'taken' && (await table.get(ref.secret)) !== value) {
        throw secretStoreError('SECRETS_CORRUPT', `${where} already holds another value under "${ref.secret}".`);
      }
    },
    has: (ref) => table.has(ref.secret),
    all: () => table.all(),
  };
};
