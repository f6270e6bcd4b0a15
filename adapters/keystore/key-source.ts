import { generateRsa } from './rsa.ts';

/** A new key pair: base64 PKCS#8 and SubjectPublicKeyInfo. */
interface NewKey {
  readonly pkcs8: string;
  readonly spki: string;
}

/**
 * Where a key store gets a new key pair. A source whose keys already sit in files (the key pool) can also
 * `place` one: put it at a new file path itself (EEXIST when the path exists), so the store writes nothing;
 * undefined when it has none to place, and the store asks for one the ordinary way.
 */
export type KeySource = ((size: number) => Promise<NewKey>) & {
  readonly place?: (size: number, path: string) => Promise<NewKey | undefined>;
};

/** A key generated on the spot. */
export const generatedKeys: KeySource = generateRsa;
