import type { SecretStore } from '../../workflows/index.ts';
import { memorySecretStore } from './memory.ts';

/**
 * A copy of a lab's secrets in memory, so deciding a log again never writes into the lab. A reference the
 * copy lacks (a lab shared without its secrets) stands for a made-up password: the same reference always
 * gets the same stand-in, so an export and an import that shared a password still match.
 */
export const overlaySecretStore = (
  base: Readonly<Record<string, string>>,
  onStandIn: (ref: string) => void = () => undefined,
): SecretStore => {
  const store = memorySecretStore(base);
  return {
    ...store,
    async reveal(ref) {
      if (await store.has(ref)) return store.reveal(ref);
      onStandIn(ref.secret);
      const standIn = `stand-in-${ref.secret}-password`;
      await store.put(ref, standIn);
      return standIn;
    },
  };
};
