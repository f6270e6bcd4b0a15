import { readFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { keyStoreError, type KeyStore } from '../../workflows/index.ts';
import { ensureFolder, modes, syncFolder } from '../files/atomic.ts';
import { createKeyFile } from './key-file.ts';
import { generatedKeys, type KeySource } from './key-source.ts';
import { fromPem, publicKeyOf } from './rsa.ts';

const safe = (ref: string) => {
  if (!/^[A-Za-z0-9._-]+$/.test(ref) || /^\.+$/.test(ref))
    throw keyStoreError('KEYSTORE_KEY_INVALID', `Key reference "${ref}" contains characters that are not allowed in a file name.`);
  return ref;
};

/**
 * One PEM PKCS#8 file per key, mode 0600 in a 0700 folder beside the lab log, each written whole (temporary
 * file, fsync, link into place) so that a crash leaves a key complete or absent, never in part. New keys come
 * from `source` (the key pool in the CLI); a key the source can place (a pool file, fsynced when it was made) is
 * linked into the folder by the source, and only the folder is fsynced.
 */
export const fileKeyStore = (folder: string, source: KeySource = generatedKeys): KeyStore => {
  const path = (ref: string) => join(folder, `${safe(ref)}.key`);
  const read = async (ref: string): Promise<string | undefined> =>
    readFile(path(ref), 'utf8').then(fromPem, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
  const create = async (ref: string, pkcs8: string): Promise<'created' | 'exists'> => {
    try {
      await createKeyFile(path(ref), pkcs8);
      return 'created';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw error;
    }
  };
  let ready: Promise<void> | undefined;
  /** The public half of a key the source placed under `ref` itself; 'exists' when the file was there; undefined when it had none. */
  const placed = async (ref: string, size: number): Promise<string | 'exists' | undefined> => {
    if (!source.place) return undefined;
    ready ??= ensureFolder(folder, modes.secretFolder).catch((error) => ((ready = undefined), Promise.reject(error)));
    await ready;
    try {
      const key = await source.place(size, path(ref));
      if (key) await syncFolder(folder);
      return key?.spki;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw error;
    }
  };
  return {
    async generate(ref, size) {
      const orphan = await read(ref);
      if (orphan) return publicKeyOf(orphan);
      const fromSource = await placed(ref, size);
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
