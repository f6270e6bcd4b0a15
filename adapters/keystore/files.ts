import { mkdir, readFile, writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { portError, type KeyStore } from '../../workflows/index.ts';
import { fromPem, generateRsa, toPem } from './rsa.ts';

const safe = (ref: string) => {
  if (!/^[A-Za-z0-9._-]+$/.test(ref)) throw new Error(`Key reference "${ref}" contains characters that are not allowed in a file name.`);
  return ref;
};

/** One PEM PKCS#8 file per key, mode 0600, in a folder beside the lab log. */
export const fileKeyStore = (folder: string): KeyStore => {
  const path = (ref: string) => join(folder, `${safe(ref)}.key`);
  return {
    async generate(ref, size) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const { pkcs8, spki } = await generateRsa(size);
      try {
        await writeFile(path(ref), toPem('PRIVATE KEY', pkcs8), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw portError('KEYSTORE_KEY_EXISTS', `${path(ref)} already exists; refusing to overwrite a private key.`);
        throw error;
      }
      return spki;
    },
    async privateKey(ref) {
      try {
        return fromPem(await readFile(path(ref), 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw portError('KEYSTORE_KEY_MISSING', `Expected the private key file ${path(ref)}; it does not exist.`);
        throw error;
      }
    },
    async has(ref) {
      return access(path(ref)).then(() => true, () => false);
    },
  };
};
