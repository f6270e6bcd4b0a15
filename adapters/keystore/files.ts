import { readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { keyStoreError, type KeyStore } from '../../workflows/index.ts';
import { createKeyFile } from './key-file.ts';
import { generatedKeys, type KeySource } from './key-source.ts';
import { keyPlacer } from './placed.ts';
import { fromPem, publicKeyOf } from './rsa.ts';

/** A key store in a folder; `flush` makes the keys placed so far durable (nothing to do unless `deferSync`). */
interface FileKeyStore extends KeyStore {
  flush(): Promise<void>;
}

const safe = (ref: string) => {
  if (!/^[A-Za-z0-9._-]+$/.test(ref) || /^\.+$/.test(ref))
    throw keyStoreError('KEYSTORE_KEY_INVALID', `Key reference "${ref}" contains characters that are not allowed in a file name.`);
  return ref;
};

/**
 * One PEM PKCS#8 file per key, mode 0600 in a 0700 folder beside the lab log, each written whole (temporary
 * file, fsync, link into place) so that a crash leaves a key complete or absent, never in part. New keys come
 * from `source` (the key pool in the CLI); a key the source can place (a pool file, fsynced when it was made) is
 * linked into the folder by the source, and only the folder is fsynced: at once, or with `deferSync` by `flush`, which
 * the lab's event store calls before each append (one fsync for the thousands of keys of an autoenrollment pass).
 */
export const fileKeyStore = (folder: string, source: KeySource = generatedKeys, options: { deferSync?: boolean } = {}): FileKeyStore => {
  const path = (ref: string) => join(folder, `${safe(ref)}.key`);
  // Read synchronously: a key file is a few hundred bytes, and on a busy machine the trip through the thread pool
  // cost more than the read (each new key is first looked for under its ref, so an issuance pays it once).
  const read = async (ref: string): Promise<string | undefined> => {
    try {
      return fromPem(readFileSync(path(ref), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
  const create = async (ref: string, pkcs8: string): Promise<'created' | 'exists'> => {
    try {
      await createKeyFile(path(ref), pkcs8);
      return 'created';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw error;
    }
  };
  const placer = keyPlacer(folder, source, options.deferSync === true);
  return {
    flush: placer.flush,
    async generate(ref, size) {
      const orphan = await read(ref);
      if (orphan) return publicKeyOf(orphan);
      const fromSource = await placer.place(size, path(ref));
      if (fromSource === 'exists') return publicKeyOf((await read(ref))!);
      if (fromSource !== undefined) return fromSource;
      const { pkcs8, spki } = await source(size);
      if ((await create(ref, pkcs8)) === 'exists') return publicKeyOf((await read(ref))!);
      return spki;
    },
    async privateKey(ref) {
      const key = await read(ref);
      if (key === undefined) throw keyStoreError('KEYSTORE_KEY_MISSING', `Expected the private key file ${path(ref)}; it does not exist.`);
      return key;
    },
    async put(ref, pkcs8) {
      if ((await create(ref, pkcs8)) === 'exists' && (await read(ref)) !== pkcs8) {
        throw keyStoreError('KEYSTORE_KEY_EXISTS', `${path(ref)} already holds a different key; refusing to overwrite a private key.`);
      }
    },
    async has(ref) {
      return access(path(ref)).then(
        () => true,
        () => false,
      );
    },
  };
};
