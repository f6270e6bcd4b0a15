import type { EventStore } from './ports/event-store.ts';
import type { KeyStore } from './ports/key-store.ts';
import type { PfxFiles } from './ports/pfx-files.ts';
import type { SecretStore } from './ports/secret-store.ts';
import type { Signer } from './ports/signer.ts';

export { guardOf, makerOf, type CodedError } from './ports/coded.ts';
export {
  eventStoreError,
  isEventStoreError,
  type CorruptLogError,
  type EventStore,
  type EventStoreError,
  type EventStoreErrorCode,
  type PendingEvent,
} from './ports/event-store.ts';
export { isKeyStoreError, keyStoreError, type KeyStore, type KeyStoreError, type KeyStoreErrorCode } from './ports/key-store.ts';
export {
  isSecretStoreError,
  secretStoreError,
  type SecretStore,
  type SecretStoreError,
  type SecretStoreErrorCode,
} from './ports/secret-store.ts';
export {
  isPfxFilesError,
  pfxFilesError,
  type PfxFiles,
  type PfxFilesError,
  type PfxFilesErrorCode,
  type PfxWriteOptions,
} from './ports/pfx-files.ts';
export { isSignerError, signerError, type Signer, type SignerError, type SignerErrorCode } from './ports/signer.ts';

/** What a lab needs from outside: each port declares its errors (codes and a guard) in its own file under ports/. */
export interface LabPorts {
  readonly events: EventStore;
  readonly keys: KeyStore;
  readonly secrets: SecretStore;
  readonly signer: Signer;
  readonly pfx: PfxFiles;
}
