import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { secretStoreError, type SecretStore } from '../../workflows/index.ts';
import { ensureFolder, modes, writeFileAtomic } from '../files/atomic.ts';
import { nextRef } from './memory.ts';

/**
 * A lab's secrets in one JSON file (`{ "pfx-password-1": "…" }`), mode 0600 in a 0700 folder, replaced
 * whole on every change (temporary file, fsync, rename). A secret is added before the event that refers
 * to it is appended, so a crash can leave an unused secret but never a reference without its secret.
 */
export const fileSecretStore = (file: string): SecretStore & { all(): Promise<Record<string, string>> } => {
  const load = async (): Promise<Record<string, string>> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (
        typeof parsed !== 'object' ||
        parsed === null ||
        Array.isArray(parsed) ||
        !Object.values(parsed).every((v) => typeof v === 'string')
      )
        throw new Error('not a mapping of names to strings');
      return parsed as Record<string, string>;
    } catch (error) {
      throw secretStoreError(
        'SECRETS_CORRUPT',
        `${file}: expected a JSON mapping of secret names to strings, found something else (${(error as Error).message})`,
      );
    }
  };
  const save = async (secrets: Record<string, string>) => {
    await ensureFolder(dirname(file), modes.secretFolder);
    await writeFileAtomic(file, `${JSON.stringify(secrets, null, 2)}\n`, modes.secret);
  };
  return {
    async seal(value) {
      const secrets = await load();
      const known = Object.entries(secrets).find(([, v]) => v === value);
      if (known) return { secret: known[0] };
      const ref = nextRef(Object.keys(secrets).length);
      await save({ ...secrets, [ref.secret]: value });
      return ref;
    },
    async reveal(ref) {
      const value = (await load())[ref.secret];
      if (value === undefined) throw secretStoreError('SECRETS_MISSING', `The secret "${ref.secret}" is not in ${file}.`);
      return value;
    },
    async put(ref, value) {
      const secrets = await load();
      if (secrets[ref.secret] === value) return;
      if (secrets[ref.secret] !== undefined)
        throw secretStoreError('SECRETS_CORRUPT', `${file} already holds another value under "${ref.secret}".`);
      await save({ ...secrets, [ref.secret]: value });
    },
    async has(ref) {
      return (await load())[ref.secret] !== undefined;
    },
    /** Every secret, for copying a lab (fork, bundle with keys). */
    all: load,
  };
};
