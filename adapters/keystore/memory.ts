import { keyStoreError, type KeyStore } from '../../workflows/index.ts';
import { generatedKeys, type KeySource } from './key-source.ts';
import { publicKeyOf } from './rsa.ts';

/** Keys in memory, for tests and throwaway labs; new keys come from `source`. */
export const memoryKeyStore = (source: KeySource = generatedKeys): KeyStore => {
  const keys = new Map<string, string>();
  return {
    async generate(ref, size) {
      const orphan = keys.get(ref);
      if (orphan) return publicKeyOf(orphan);
      const { pkcs8, spki } = await source(size);
      keys.set(ref, pkcs8);
      return spki;
    },
    async privateKey(ref) {
      const key = keys.get(ref);
      if (!key)
        throw keyStoreError('KEYSTORE_KEY_MISSING', `Expected a key named "${ref}" in the key store; it holds ${keys.size} others.`);
      return key;
    },
    async put(ref, pkcs8) {
      const existing = keys.get(ref);
      if (existing !== undefined && existing !== pkcs8)
        throw keyStoreError('KEYSTORE_KEY_EXISTS', `The key store already holds a different key named "${ref}".`);
      keys.set(ref, pkcs8);
    },
    async has(ref) {
      return keys.has(ref);
    },
  };
};
