import type { KeyStore } from '../../workflows/index.ts';
import { memoryKeyStore } from './memory.ts';

/**
 * Reads keys from a lab's own key store and keeps every new key in memory, so re-deciding a log never
 * writes into the original lab. A key the base store lacks (a log shared without its keys) is replaced
 * by a stand-in made on first use: certificates it signs are real but chain to no CA on record.
 */
export const overlayKeyStore = (base: KeyStore | undefined, onStandIn: (ref: string) => void = () => undefined): KeyStore => {
  const top = memoryKeyStore();
  return {
    generate: (ref, size) => top.generate(ref, size),
    put: (ref, pkcs8) => top.put(ref, pkcs8),
    async privateKey(ref) {
      if (await top.has(ref)) return top.privateKey(ref);
      if (base && (await base.has(ref))) return base.privateKey(ref);
      onStandIn(ref);
      await top.generate(ref, 2048);
      return top.privateKey(ref);
    },
    async has(ref) {
      return (await top.has(ref)) || Boolean(base && (await base.has(ref)));
    },
  };
};
