import type { KeyRef } from '../../domain/index.ts';
import { guardOf, makerOf, type CodedError } from './coded.ts';

/** Private keys live here, beside the log and never in it. */
export interface KeyStore {
  /**
   * Generates an RSA key pair under `ref`; resolves to its base64 SubjectPublicKeyInfo. A key already under
   * `ref` belongs to an append that never landed (refs are unique in a log): it is reused, not an error.
   */
  generate(ref: KeyRef, size: number): Promise<string>;
  /** The base64 PKCS#8 of the key. */
  privateKey(ref: KeyRef): Promise<string>;
  /** Stores a key made elsewhere (a fork, a bundle); refuses to replace a different key under the same ref. */
  put(ref: KeyRef, pkcs8: string): Promise<void>;
  has(ref: KeyRef): Promise<boolean>;
}

/** Failure codes of the KeyStore port: no key under the ref, a different key already there, a ref unusable as a name. */
const keyStoreErrorCodes = ['KEYSTORE_KEY_MISSING', 'KEYSTORE_KEY_EXISTS', 'KEYSTORE_KEY_INVALID'] as const;
export type KeyStoreErrorCode = (typeof keyStoreErrorCodes)[number];
export type KeyStoreError<C extends KeyStoreErrorCode = KeyStoreErrorCode> = CodedError<C>;

/** Whether `error` is a KeyStore failure (of `code`, when given). */
export const isKeyStoreError = guardOf(keyStoreErrorCodes);
export const keyStoreError = makerOf<KeyStoreErrorCode>();
