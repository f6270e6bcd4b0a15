import type { CertificateProfile } from '../ca/profile.ts';
import type { IssuedCertificate } from '../ca/model.ts';
import { reject, type FailureName, type Rejection } from '../shared/rejection.ts';
import type { LabEvent } from './events.ts';

/** The certificate the CA decided to issue, short of its signature and thumbprint. */
export type IssuanceDraft = Omit<IssuedCertificate, 'der' | 'thumbprint'> & { readonly installTo: { readonly host: string; readonly store: 'personal' } };

/**
 * What `decide` returns: events, a rejection, or a certificate to sign. Signing is IO,
 * so the engine signs the profile and completes the draft with `issuanceEvents`.
 */
export type Decision =
  | { readonly kind: 'accepted'; readonly events: readonly LabEvent[] }
  | { readonly kind: 'rejected'; readonly rejection: Rejection }
  | { readonly kind: 'sign'; readonly profile: CertificateProfile; readonly draft: IssuanceDraft };

export const accept = (...events: LabEvent[]): Decision => ({ kind: 'accepted', events });
export const refuse = (name: FailureName, reason: string): Decision => ({ kind: 'rejected', rejection: reject(name, reason) });

/** The events of a signed issuance: the CA's record and the certificate installed in the requester's store. */
export const issuanceEvents = (draft: IssuanceDraft, der: string, thumbprint: string): LabEvent[] => {
  const { installTo, ...issued } = draft;
  return [
    { type: 'CertificateIssued', data: { certificate: { ...issued, der, thumbprint } } },
    {
      type: 'CertificateInstalled',
      data: { host: installTo.host, store: installTo.store, thumbprint, template: issued.template, keyRef: issued.keyRef, exportableKey: issued.exportableKey },
    },
  ];
};
