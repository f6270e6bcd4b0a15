import type { CertificateProfile, CrlProfile, LabEvent, PfxFacts, RecordedEvent, Secret, SecretRef } from '../domain/index.ts';
import type { PfxEncryption } from '../domain/index.ts';

/** An event ready to append: its simulated time is decided by the engine, its position by the store. */
export type PendingEvent = LabEvent & { readonly at: string };

/** Failure codes of the EventStore port. */
export type EventStoreErrorCode =
  | 'EVENTSTORE_VERSION_CONFLICT'
  | 'EVENTSTORE_CORRUPT_LOG'
  | 'EVENTSTORE_LOCKED'
  | 'EVENTSTORE_LOCK_LOST'
  | 'EVENTSTORE_READ_ONLY';
/** Failure codes of the KeyStore port. */
export type KeyStoreErrorCode = 'KEYSTORE_KEY_MISSING' | 'KEYSTORE_KEY_EXISTS' | 'KEYSTORE_KEY_INVALID';
/** Failure codes of the SecretStore port. */
export type SecretStoreErrorCode = 'SECRETS_MISSING' | 'SECRETS_CORRUPT';
/** Failure codes of the PfxFiles port. */
export type PfxFilesErrorCode = 'PFX_WRITE_FAILED';

/** Infrastructure failures of a port: an Error with a stable code, never a thrown string. */
export interface PortError extends Error {
  readonly code: EventStoreErrorCode | KeyStoreErrorCode | SecretStoreErrorCode | PfxFilesErrorCode;
}

export const isPortError = (error: unknown, code?: PortError['code']): error is PortError =>
  error instanceof Error && typeof (error as PortError).code === 'string' && (code === undefined || (error as PortError).code === code);

export const portError = (code: PortError['code'], message: string): PortError => Object.assign(new Error(message), { code });

/** One lab = one totally ordered stream; appends are optimistic on the expected version. */
export interface EventStore {
  /** Events of the lab from position `from` (1-based, inclusive) to `to` (inclusive). Never changes the log. */
  read(lab: string, range?: { from?: number; to?: number }): Promise<RecordedEvent[]>;
  /** Appends after `expectedVersion` (the last position the caller saw); resolves to the new version. */
  append(lab: string, events: readonly PendingEvent[], expectedVersion: number): Promise<number>;
  /** Cuts the log after `position` (going back); `expectedVersion` is checked as for an append. */
  truncate(lab: string, position: number, expectedVersion: number): Promise<number>;
  version(lab: string): Promise<number>;
}

/** Private keys live here, beside the log and never in it. */
export interface KeyStore {
  /**
   * Generates an RSA key pair under `ref`; resolves to its base64 SubjectPublicKeyInfo. A key already under
   * `ref` belongs to an append that never landed (refs are unique in a log): it is reused, not an error.
   */
  generate(ref: string, size: number): Promise<string>;
  /** The base64 PKCS#8 of the key. */
  privateKey(ref: string): Promise<string>;
  /** Stores a key made elsewhere (a fork, a bundle); refuses to replace a different key under the same ref. */
  put(ref: string, pkcs8: string): Promise<void>;
  has(ref: string): Promise<boolean>;
}

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

/** Turns a decided certificate profile into real DER signed with the profile's signing key. */
export interface Signer {
  sign(profile: CertificateProfile): Promise<{ der: string; thumbprint: string }>;
  /** Signs a decided CRL (base or delta) with the CA's key, with the hash the profile names. */
  signCrl(profile: CrlProfile): Promise<{ der: string }>;
}

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
    content: { certificate: string; chain: readonly string[]; keyRef: string },
    password: Secret,
    options: PfxWriteOptions,
  ): Promise<void>;
  /** Opens the file with the password and says what it holds, or why it could not be opened. */
  read(file: string, password: Secret): Promise<PfxFacts>;
  /** The absolute path of a file name, for reports. */
  pathOf(file: string): string;
}

export interface LabPorts {
  readonly events: EventStore;
  readonly keys: KeyStore;
  readonly secrets: SecretStore;
  readonly signer: Signer;
  readonly pfx: PfxFiles;
}
