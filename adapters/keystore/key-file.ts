import { dirname } from 'node:path';
import { createFileAtomic, ensureFolder, modes } from '../files/atomic.ts';
import { toPem } from './rsa.ts';

/**
 * Writes one private key as a file of its own: PEM PKCS#8, mode 0600 in a 0700 folder, whole or not at all
 * (a temporary file, fsynced, linked into place) and never over an existing file (EEXIST). The one place key
 * files are written: a lab's key store and the key pool both call it.
 */
export const createKeyFile = async (path: string, pkcs8: string): Promise<void> => {
  await ensureFolder(dirname(path), modes.secretFolder);
  await createFileAtomic(path, toPem('PRIVATE KEY', pkcs8), modes.secret);
};
