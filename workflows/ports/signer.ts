import type { Thumbprint } from '../../domain/index.ts';
import type { CertificateProfile, CrlProfile } from '../../domain/index.ts';
import { guardOf, makerOf, type CodedError } from './coded.ts';

/** Turns a decided certificate profile into real DER signed with the profile's signing key. */
export interface Signer {
  sign(profile: CertificateProfile): Promise<{ der: string; thumbprint: Thumbprint }>;
  /** Signs a decided CRL (base or delta) with the CA's key, with the hash the profile names. */
  signCrl(profile: CrlProfile): Promise<{ der: string }>;
}

/** Failure codes of the Signer port: a profile no certificate can be made from (a zero serial number). */
const signerErrorCodes = ['SIGNER_INVALID_PROFILE'] as const;
export type SignerErrorCode = (typeof signerErrorCodes)[number];
export type SignerError<C extends SignerErrorCode = SignerErrorCode> = CodedError<C>;

/** Whether `error` is a Signer failure (of `code`, when given); a missing signing key is a KeyStore failure. */
export const isSignerError = guardOf(signerErrorCodes);
export const signerError = makerOf<SignerErrorCode>();
