import type { KeyRef, Thumbprint } from '../shared/ids.ts';
import type { CrlDraft } from '../ca/crl-model.ts';
import type { CertificateProfile } from '../ca/profile.ts';
import type { IssuedCertificate } from '../ca/model.ts';
import type { StoreName } from '../hosts/model.ts';
import type { PfxEncryption } from '../hosts/pfx-encryption.ts';
import { reject, type FailureName, type Rejection } from '../shared/rejection.ts';
import type { LabEvent } from './events.ts';
import type { Secret } from '../shared/secret.ts';

/** The certificate the CA decided to issue, short of the requester's key, the signature and the thumbprint. */
/** `installTo` is left out when nobody waits for the certificate (a pending request a manager issues: the client retrieves it later). */
type IssuanceDraft = Omit<IssuedCertificate, 'der' | 'thumbprint'> & {
  readonly installTo?: { readonly host: string; readonly store: StoreName };
};

/** A PFX the export wizard is to write: which certificate, with which key, under which password. */
interface ExportDraft {
  readonly host: string;
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

/**
 * What `decide` returns: events, a rejection, a certificate to sign, or a PFX to write. Keys, signatures
 * and files are IO: for `sign` the engine makes the key the decision names (`draft.keyRef`, `draft.keySize`
 * bits; one already there, as a renewal with the same key names, is reused), adds its public half to
 * `profile`, signs, and appends `before` then `issuanceEvents`; for `sign-crl` it signs the CRL profile with
 * the CA's key and appends `crlPublishedEvent`.
 */
export type Decision =
  | { readonly kind: 'accepted'; readonly events: readonly LabEvent[] }
  | { readonly kind: 'rejected'; readonly rejection: Rejection }
  | {
      readonly kind: 'sign';
      /** Everything the certificate holds but the requester's public key, which the engine's key store makes. */
      readonly profile: Omit<CertificateProfile, 'publicKey'>;
      readonly draft: IssuanceDraft;
      readonly before: readonly LabEvent[];
      readonly after?: readonly LabEvent[];
    }
  | { readonly kind: 'export'; readonly draft: ExportDraft }
  | { readonly kind: 'sign-crl'; readonly draft: CrlDraft };

export const accept = (...events: LabEvent[]): Decision => ({ kind: 'accepted', events });
export const writePfx = (draft: ExportDraft): Decision => ({ kind: 'export', draft });
export const refuse = (name: FailureName, reason: string): Decision => ({ kind: 'rejected', rejection: reject(name, reason) });

/** The events of a signed issuance: the CA's record and the certificate installed in the requester's store. */
export const issuanceEvents = (draft: IssuanceDraft, der: string, thumbprint: Thumbprint): LabEvent[] => {
  const { installTo, ...issued } = draft;
  const issuedEvent: LabEvent = { type: 'CertificateIssued', data: { certificate: { ...issued, der, thumbprint } } };
  if (!installTo) return [issuedEvent];
  return [
    issuedEvent,
    {
      type: 'CertificateInstalled',
      data: {
        host: installTo.host,
        store: installTo.store,
        thumbprint,
        template: issued.template,
        keyRef: issued.keyRef,
        exportableKey: issued.exportableKey,
      },
    },
  ];
};

/** The event of a written PFX. */
export const exportEvents = (draft: ExportDraft): LabEvent[] => [
  {
    type: 'CertificateExported',
    data: { host: draft.host, thumbprint: draft.thumbprint, file: draft.file, withPrivateKey: true, encryption: draft.encryption },
  },
];
