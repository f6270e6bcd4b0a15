import type { KeySource } from '../keystore/key-source.ts';
import { generateRsa, publicKeyOf } from '../keystore/rsa.ts';
import { keyPoolFolder } from './location.ts';
import { folderKeyPool, type KeyPool } from './pool.ts';

/**
 * A key from the pool, or one generated on the spot when the pool has none of that size. A file key store has
 * the pool `place` it: the pool's file is linked into the lab's key folder instead of read, copied and fsynced.
 */
export const pooledKeys = (pool: KeyPool, onGenerated: (size: number) => void = () => undefined): KeySource => {
  const source = async (size: number) => {
    const pkcs8 = await pool.take(size);
    if (pkcs8 !== undefined) return { pkcs8, spki: publicKeyOf(pkcs8) };
    onGenerated(size);
    return generateRsa(size);
  };
  const place = async (size: number, path: string) => {
    const pkcs8 = await pool.place(size, path);
    return pkcs8 === undefined ? undefined : { pkcs8, spki: publicKeyOf(pkcs8) };
  };
  return Object.assign(source, { place });
};

/** The key source of labs on disk: the user's pool (see keyPoolFolder), generating on the spot when it is empty. */
export const userKeys = (): KeySource => pooledKeys(folderKeyPool(keyPoolFolder()));
