import type { DirectoryEvent } from '../directory/events.ts';
import type { DirectoryState } from '../directory/model.ts';
import type { HostsEvent } from '../hosts/events.ts';
import type { HostsState, StoreName } from '../hosts/model.ts';
import { accepting, type Decided } from '../shared/decision.ts';
import type { Thumbprint, HostName } from '../shared/ids.ts';
import type { SimTime } from '../shared/time.ts';
import type { CaAdminEvent } from './admin-events.ts';
import type { CrlDraft } from './crl-model.ts';
import type { CaEvent } from './events.ts';
import type { CaState, IssuedCertificate } from './model.ts';
import type { CertificateProfile } from './profile.ts';

/** What the CA's deciders read of the lab: the forest, the CA, the computers' stores and the clock (World has all of it). */
export interface CaView {
  readonly now: SimTime;
  readonly directory: DirectoryState;
  readonly ca: CaState;
  readonly hosts: HostsState;
}

/** The events a CA decision may hold: its own, and the store and directory events an issuance brings. */
export type CaSideEvent = CaEvent | CaAdminEvent | HostsEvent | DirectoryEvent;

/** The certificate the CA decided to issue, short of the requester's key, the signature and the thumbprint. */
/** `installTo` is left out when nobody waits for the certificate (a pending request a manager issues: the client retrieves it later). */
type IssuanceDraft = Omit<IssuedCertificate, 'der' | 'thumbprint'> & {
  readonly installTo?: { readonly host: HostName; readonly store: StoreName };
};

/**
 * A certificate to sign: the engine makes the key the draft names (`keyRef`, `keySize` bits; one already there, as a
 * renewal with the same key names, is reused), adds its public half to `profile`, signs, and appends `before`, then
 * `issuanceEvents`, then `after`.
 */
export type SignDecision<E> = {
  readonly kind: 'sign';
  /** Everything the certificate holds but the requester's public key, which the engine's key store makes. */
  readonly profile: Omit<CertificateProfile, 'publicKey'>;
  readonly draft: IssuanceDraft;
  readonly before: readonly E[];
  readonly after?: readonly E[];
};

/** A CRL to sign with the CA's key; the engine appends `crlPublishedEvent`. */
export type SignCrlDecision = { readonly kind: 'sign-crl'; readonly draft: CrlDraft };

/** What the CA's deciders answer. */
export type CaDecision<E = CaSideEvent> = Decided<E, SignDecision<E> | SignCrlDecision>;

export const accept = accepting<CaSideEvent>();

/** The events of a signed issuance: the CA's record and the certificate installed in the requester's store. */
export const issuanceEvents = (draft: IssuanceDraft, der: string, thumbprint: Thumbprint): CaSideEvent[] => {
  const { installTo, ...issued } = draft;
  const issuedEvent: CaSideEvent = { type: 'CertificateIssued', data: { certificate: { ...issued, der, thumbprint } } };
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
