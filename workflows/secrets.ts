import type { SecretStore } from './ports.ts';

/**
 * A choice as the log may record it: every `password` typed in clear is kept in the lab's secrets and
 * replaced by its reference, so no password ever enters an event.
 */
export const sealSecrets = async (secrets: SecretStore, choice: unknown): Promise<unknown> => {
  if (typeof choice !== 'object' || choice === null || Array.isArray(choice)) return choice;
  const sealed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(choice))
    sealed[key] = key === 'password' && typeof value === 'string' ? await secrets.seal(value) : value;
  return sealed;
};
