import type { SecretRef } from '../../domain/index.ts';
import { secretStoreError, type SecretStore } from '../../workflows/index.ts';

/** The references a store hands out: `pfx-password-1`, `pfx-password-2`… in the order secrets arrive. */
export const nextRef = (taken: number): SecretRef => ({ secret: `pfx-password-${taken + 1}` });

/** Secrets in memory, for tests, re-decisions and labs opened from a bundle. */
export const memorySecretStore = (initial: Readonly<Record<string, string>> = {}): SecretStore => {
  const secrets = new Map(Object.entries(initial));
  return {
    async seal(value) {
      for (const [secret, known] of secrets) if (known === value) return { secret };
      const ref = nextRef(secrets.size);
      secrets.set(ref.secret, value);
      return ref;
    },
    async reveal(ref) {
      const value = secrets.get(ref.secret);
      if (value === undefined)
        throw secretStoreError(
          'SECRETS_MISSING',
          `The secret "${ref.secret}" is not in this lab's secrets (a lab shared without keys carries none).`,
        );
      return value;
    },
    async put(ref, value) {
      const existing = secrets.get(ref.secret);
      if (existing !== undefined && existing !== value)
        throw secretStoreError('SECRETS_CORRUPT', `The secret "${ref.secret}" already holds another value.`);
      secrets.set(ref.secret, value);
    },
    async has(ref) {
      return secrets.has(ref.secret);
    },
  };
};
