import type { Thumbprint, HostName } from '../shared/ids.ts';
import type { CertificateSelection } from '../hosts/commands.ts';
import type { CrlKind, CrlTrigger, PublishedCrl, RevocationReason } from './crl-model.ts';

// ─── Commands ───

/** Which issued certificate: by serial number (certutil -revoke), Request ID (Issued Certificates), or the computer holding it. */
export type RevocationTarget =
  | { readonly serialNumber: string }
  | { readonly requestId: number }
  | { readonly holder: { readonly host: HostName; readonly certificate: CertificateSelection } };
/** Revoke Certificate in the CA console, or `certutil -revoke <serial> <reason>`. */
export type RevokeCertificate = {
  readonly type: 'RevokeCertificate';
  readonly reason: RevocationReason;
  readonly ca?: string;
} & RevocationTarget;
/** Revoked Certificates › All Tasks › Publish (New CRL or Delta CRL only), or `certutil -CRL [delta]`. */
export type PublishCrl = { readonly type: 'PublishCrl'; readonly kind: CrlKind; readonly ca?: string; readonly trigger?: CrlTrigger };
/** `net stop certsvc` / `net start certsvc`: a stopped CA neither issues nor publishes. */
export type StopCaService = { readonly type: 'StopCaService'; readonly ca?: string };
export type StartCaService = { readonly type: 'StartCaService'; readonly ca?: string };

export type CrlCommand = RevokeCertificate | PublishCrl | StopCaService | StartCaService;

// ─── Events ───

export type CertificateRevoked = {
  readonly type: 'CertificateRevoked';
  readonly data: {
    readonly ca: string;
    readonly serialNumber: string;
    readonly requestId: number;
    readonly thumbprint: Thumbprint;
    readonly reason: RevocationReason;
  };
};
/** A base or delta CRL, signed by the CA and written to its CertEnroll folder (and its LDAP CDP object). */
export type CrlPublished = { readonly type: 'CrlPublished'; readonly data: PublishedCrl };
export type CaServiceStopped = { readonly type: 'CaServiceStopped'; readonly data: { readonly ca: string } };
export type CaServiceStarted = { readonly type: 'CaServiceStarted'; readonly data: { readonly ca: string } };

export type CrlEvent = CertificateRevoked | CrlPublished | CaServiceStopped | CaServiceStarted;
