import { portError, type KeyStore } from '../../workflows/index.ts';
import { generateRsa } from './rsa.ts';

/** Keys in memory, for tests and throwaway labs. */
export const memoryKeyStore = (): KeyStore => {
  const keys = new Map<string, string>();
  return {
    async generate(ref, size) {
      if (keys.has(ref)) throw portError('KEYSTORE_KEY_EXISTS', `A key named "${ref}" already exists in the key store.`);
      const { pkcs8, spki } = await generateRsa(size);
      keys.set(ref, pkcs8);
      return spki;
    },
    async privateKey(ref) {
      const key = keys.get(ref);
      if (!key) throw portError('KEYSTORE_KEY_MISSING', `Expected a key named "${ref}" in the key store; it holds ${keys.size} others.`);
      return key;
    },
    async has(ref) {
      return keys.has(ref);
    },
  };
};
