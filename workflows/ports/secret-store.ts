import type { SecretRef } from '../../domain/index.ts';
import { guardOf, makerOf, type CodedError } from './coded.ts';

/** Secrets (PFX passwords) kept outside the log; the log records only their references. */
export interface SecretStore {
  /** Keeps a secret; the same secret always gets the same reference. */
  seal(value: string): Promise<SecretRef>;
  /** The secret behind a reference. */
  reveal(ref: SecretRef): Promise<string>;
  /** Stores a secret under a known reference (copying a lab); refuses to change an existing one. */
  put(ref: SecretRef, value: string): Promise<void>;
  has(ref: SecretRef): Promise<boolean>;
}

/** Failure codes of the SecretStore port: no secret under the reference; a store that does not read or would change. */
const secretStoreErrorCodes = ['SECRETS_MISSING', 'SECRETS_CORRUPT'] as const;
export type SecretStoreErrorCode = (typeof secretStoreErrorCodes)[number];
export type SecretStoreError<C extends SecretStoreErrorCode = SecretStoreErrorCode> = CodedError<C>;

/** Whether `error` is a SecretStore failure (of `code`, when given). */
export const isSecretStoreError = guardOf(secretStoreErrorCodes);
export const secretStoreError = makerOf<SecretStoreErrorCode>();
