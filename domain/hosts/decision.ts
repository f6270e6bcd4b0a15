import type { KeyRef, Thumbprint, HostName } from '../shared/ids.ts';
import { accepting, type Decided } from '../shared/decision.ts';
import type { Secret } from '../shared/secret.ts';
import type { HostsEvent } from './events.ts';
import type { PfxEncryption } from './pfx-encryption.ts';

/** A PFX the export wizard is to write: which certificate, with which key, under which password. */
interface ExportDraft {
  readonly host: HostName;
  readonly thumbprint: Thumbprint;
  readonly keyRef: KeyRef;
  readonly file: string;
  /** A reference into the lab's secrets once the engine has sealed the choice. */
  readonly password: Secret;
  /** What Windows writes: the encryption, the key container's friendly name and the key's provider (Microsoft CSP Name). */
  readonly encryption: PfxEncryption;
  readonly friendlyName: string;
  readonly providerName: string;
}

/** The engine writes the PFX (IO), then records `CertificateExported`. */
export type ExportDecision = { readonly kind: 'export'; readonly draft: ExportDraft };

/** What the certificate-store deciders answer: store and IIS events, or a PFX to write. */
export type HostsDecision = Decided<HostsEvent, ExportDecision>;

export const accept = accepting<HostsEvent>();
export const writePfx = (draft: ExportDraft): ExportDecision => ({ kind: 'export', draft });

/** The event of a written PFX. */
export const exportEvents = (draft: ExportDraft): HostsEvent[] => [
  {
    type: 'CertificateExported',
    data: { host: draft.host, thumbprint: draft.thumbprint, file: draft.file, withPrivateKey: true, encryption: draft.encryption },
  },
];
