import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { StoreError, type Database } from './database.ts';

/** The environment variable that holds the passphrase private keys and secrets are sealed with. */
export const passphraseVariable = 'PKILAB_KEY_PASSPHRASE';

/** scrypt cost: N = 2^15, r = 8, p = 1 (about 0.1 s and 32 MiB, once per process and store). */
const kdf = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const derive = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: object) => Promise<Buffer>;
const checkText = 'pkilab-key-check/1';

/** Seals and opens small values with AES-256-GCM; the additional data binds each value to its place (lab, kind, ref). */
export interface Sealer {
  seal(plain: string, place: string): { nonce: Buffer; sealed: Buffer };
  open(nonce: Buffer, sealed: Buffer, place: string): string;
}

const sealerOf = (key: Buffer): Sealer => ({
  seal(plain, place) {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(Buffer.from(place));
    return { nonce, sealed: Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]) };
  },
  open(nonce, sealed, place) {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce).setAAD(Buffer.from(place));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
  },
});

const derived = new Map<string, Promise<Sealer>>();

/**
 * The sealer of a store: its key is derived with scrypt from PKILAB_KEY_PASSPHRASE and a salt kept in the
 * store's meta table (made by the first process that seals anything). A check value sealed with the first
 * key tells a wrong passphrase apart from damaged data. Without the variable, nothing is sealed or opened.
 */
export const storeSealer = (db: Database, env: NodeJS.ProcessEnv = process.env): Promise<Sealer> => {
  const passphrase = env[passphraseVariable];
  if (!passphrase) {
    const why = `private keys and secrets in the PostgreSQL store ${db.shown} are encrypted with a key derived from it`;
    return Promise.reject(
      new StoreError(
        'STORE_PASSPHRASE',
        `${passphraseVariable} is not set: ${why}; set it (the same value for every pkilab that uses this store)`,
      ),
    );
  }
  const id = `${db.shown}|${db.schema}|${passphrase}`;
  if (!derived.has(id))
    derived.set(
      id,
      unlock(db, passphrase).catch((error) => (derived.delete(id), Promise.reject(error))),
    );
  return derived.get(id)!;
};

const unlock = async (db: Database, passphrase: string): Promise<Sealer> => {
  const meta = db.table('meta');
  const read = async () => (await db.pool.query<{ value: string }>(`SELECT value FROM ${meta} WHERE name = 'kdf'`)).rows[0]?.value;
  let stored = await read();
  if (stored === undefined) {
    const salt = randomBytes(16);
    const sealer = sealerOf(await derive(passphrase, salt, 32, kdf));
    const check = sealer.seal(checkText, 'check');
    const value = JSON.stringify({
      salt: salt.toString('base64'),
      N: kdf.N,
      r: kdf.r,
      p: kdf.p,
      nonce: check.nonce.toString('base64'),
      check: check.sealed.toString('base64'),
    });
    await db.pool.query(`INSERT INTO ${meta} (name, value) VALUES ('kdf', $1) ON CONFLICT DO NOTHING`, [value]);
    stored = (await read())!;
  }
  const params = JSON.parse(stored) as { salt: string; N: number; r: number; p: number; nonce: string; check: string };
  const sealer = sealerOf(
    await derive(passphrase, Buffer.from(params.salt, 'base64'), 32, { N: params.N, r: params.r, p: params.p, maxmem: kdf.maxmem }),
  );
  let opened = '';
  try {
    opened = sealer.open(Buffer.from(params.nonce, 'base64'), Buffer.from(params.check, 'base64'), 'check');
  } catch {
    // A wrong key fails the GCM tag: said below.
  }
  if (opened !== checkText) {
    throw new StoreError(
      'STORE_PASSPHRASE',
      `${passphraseVariable} is not the passphrase the keys in ${db.shown} were sealed with; use the one the store was first used with`,
    );
  }
  return sealer;
};
