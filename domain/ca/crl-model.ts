import type { KeyRef } from '../shared/ids.ts';
import type { SimTime } from '../shared/time.ts';
import type { Rdn } from './profile.ts';

/**
 * The reasons the Revoke Certificate dialog and `certutil -revoke` offer, with their RFC 5280 CRLReason codes
 * (certutil takes the number; 7 is unused and 8, removeFromCRL, only appears in delta CRLs).
 */
export const revocationReasons = {
  unspecified: 0,
  keyCompromise: 1,
  CACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
} as const;
export type RevocationReason = keyof typeof revocationReasons;
export const revocationReasonNames = Object.keys(revocationReasons) as RevocationReason[];

/** A row of the Revoked Certificates folder. */
export interface Revocation {
  readonly ca: string;
  readonly serialNumber: string;
  readonly requestId: number;
  readonly reason: RevocationReason;
  readonly revokedAt: SimTime;
}

/** One entry of a CRL: the serial, when it was revoked and why. */
export interface CrlEntry {
  readonly serialNumber: string;
  readonly revokedAt: SimTime;
  readonly reason: RevocationReason;
}

export type CrlKind = 'base' | 'delta';

/** What a CRL says, decided by the domain; the signer adds the signature and the authority key id. */
interface CrlContent {
  readonly ca: string;
  readonly kind: CrlKind;
  readonly crlNumber: number;
  /** The base CRL a delta completes (the Delta CRL Indicator). */
  readonly baseCrlNumber?: number;
  readonly thisUpdate: SimTime;
  readonly nextUpdate: SimTime;
  /** Microsoft's Next CRL Publish (1.3.6.1.4.1.311.21.4): when the CA will publish the next one. */
  readonly nextPublish: SimTime;
  readonly entries: readonly CrlEntry[];
  /** Freshest CRL (2.5.29.46) of a base CRL when deltas are published: where the delta is. */
  readonly freshest: readonly string[];
  /** The hash of the signature: the same as the CA's certificates. */
  readonly signatureHash: 'sha1' | 'sha256';
}

/** Everything needed to sign a CRL: its content, the issuer's name and the key reference, never the key. */
export interface CrlProfile extends CrlContent {
  readonly issuer: readonly Rdn[];
  readonly signingKeyRef: KeyRef;
  /** CA Version (1.3.6.1.4.1.311.21.1) of the signing certificate: V0.0 for the CA's first key. */
  readonly caVersion: number;
}

/** A CRL the CA published, as the log keeps it (the DER too: folding never signs). */
export interface PublishedCrl extends CrlContent {
  readonly trigger: CrlTrigger;
  readonly der: string;
}

/** Who published: the CA's own schedule (or its start), or an administrator (`certutil -CRL`, Publish › New CRL). */
export type CrlTrigger = 'schedule' | 'administrator';

/** One CA's CRL history in the world: the last number used and the latest CRL of each kind. */
export interface CaCrls {
  readonly lastCrlNumber: number;
  readonly base?: PublishedCrl;
  readonly delta?: PublishedCrl;
  /** How many CRLs it published, by kind. */
  readonly published: { readonly base: number; readonly delta: number };
}

/** The sign-crl decision: the CRL's content, and what the engine records once it has the signature. */
export interface CrlDraft {
  readonly profile: CrlProfile;
  readonly trigger: CrlTrigger;
}
