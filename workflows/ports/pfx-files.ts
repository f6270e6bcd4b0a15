import type { KeyRef, PfxEncryption, PfxFacts, Secret } from '../../domain/index.ts';
import { guardOf, makerOf, type CodedError } from './coded.ts';

/** How the export wizard protects and labels a PFX. */
export interface PfxWriteOptions {
  readonly encryption: PfxEncryption;
  readonly friendlyName: string;
  readonly providerName: string;
}

/** PKCS #12 files the export wizard writes and ConfigMgr imports, in the lab's export folder. */
export interface PfxFiles {
  /**
   * Writes the certificate, its chain and its private key under `password`, protected as `options.encryption` says
   * (TripleDES-SHA1 or AES256-SHA256), with the bag attributes Windows writes (friendly name, local key id, CSP name).
   */
  write(
    file: string,
    content: { certificate: string; chain: readonly string[]; keyRef: KeyRef },
    password: Secret,
    options: PfxWriteOptions,
  ): Promise<void>;
  /** Opens the file with the password and says what it holds, or why it could not be opened (as data, not an error). */
  read(file: string, password: Secret): Promise<PfxFacts>;
  /** The absolute path of a file name, for reports. */
  pathOf(file: string): string;
}

/** Failure codes of the PfxFiles port: the file could not be written (a bad name, openssl refused). */
const pfxFilesErrorCodes = ['PFX_WRITE_FAILED'] as const;
export type PfxFilesErrorCode = (typeof pfxFilesErrorCodes)[number];
export type PfxFilesError<C extends PfxFilesErrorCode = PfxFilesErrorCode> = CodedError<C>;

/** Whether `error` is a PfxFiles failure (of `code`, when given). */
export const isPfxFilesError = guardOf(pfxFilesErrorCodes);
export const pfxFilesError = makerOf<PfxFilesErrorCode>();
