import type { KeyRef, Thumbprint, HostName } from '../shared/ids.ts';
import type { SimTime } from '../shared/time.ts';
import type { CaCrls, Revocation } from './crl-model.ts';
import type { CrlSettings } from './crl-settings.ts';
import type { Rdn } from './profile.ts';
import type { Ace, Template } from './template.ts';

export type CaEdition = 'enterprise' | 'standard';

/** The CA settings the AD CS auditors look at (certutil -getreg, CA security, web enrollment). */
export interface CaSettings {
  /** policy\EditFlags EDITF_ATTRIBUTESUBJECTALTNAME2: requesters may add a SAN as a request attribute (ESC6). */
  readonly attributeSubjectAltName2: boolean;
  /** CA\InterfaceFlags IF_ENFORCEENCRYPTICERTREQUEST: RPC requests must be encrypted (off: ESC11). */
  readonly enforceEncryptICertRequest: boolean;
  /** Web enrollment endpoint, if installed (http, or https without channel binding: ESC8). */
  readonly webEnrollment: 'none' | 'http' | 'https' | 'https-epa';
  /** policy\DisableExtensionList (1.3.6.1.4.1.311.25.2 there: ESC16). */
  readonly disabledExtensions: readonly string[];
  /** CA security: Manage CA and Issue and Manage Certificates (ESC7 when a low-privileged principal holds one). */
  readonly managers: readonly string[];
  readonly officers: readonly string[];
  /** CA security: who may request certificates from this CA at all. */
  readonly enrollees: readonly string[];
}

export const defaultCaSettings: CaSettings = {
  attributeSubjectAltName2: false,
  enforceEncryptICertRequest: true,
  webEnrollment: 'none',
  disabledExtensions: [],
  managers: ['Domain Admins', 'Enterprise Admins'],
  officers: ['Domain Admins', 'Enterprise Admins'],
  enrollees: ['Authenticated Users'],
};
export type CaOs = 'windows-server-2008' | 'windows-server-2008-r2' | 'windows-server-2012';

/** An enterprise CA (pKIEnrollmentService) and what it issues. */
export interface CertificationAuthority {
  readonly name: string;
  readonly host: HostName;
  readonly edition: CaEdition;
  readonly os: CaOs;
  readonly keyRef: KeyRef;
  readonly subject: readonly Rdn[];
  readonly notBefore: SimTime;
  readonly notAfter: SimTime;
  /** Base64 DER of the CA's own certificate. */
  readonly certificate: string;
  readonly thumbprint: Thumbprint;
  readonly settings: CaSettings;
  /** The certificateTemplates attribute: template names this CA issues. */
  readonly templatesToIssue: readonly string[];
  /** Setup choices (absent in labs recorded before they existed: see setup.ts for what that means). */
  readonly provider?: 'csp' | 'ksp';
  readonly hashAlgorithm?: 'sha1' | 'sha256';
  /** The May 2022 update (KB5014754) is installed: the CA writes the SID extension. */
  readonly sidUpdate?: boolean;
  /** The tick count when the CA was installed, drawn at the lab's creation: the varying part of issued serials. */
  readonly serialTickBase?: number;
  /** CRL periods and CDP/AIA URLs (absent in labs recorded before CRLs: the defaults, and no scheduled publication). */
  readonly crl?: CrlSettings;
}

/** A certificate the CA issued, as the Issued Certificates view and the lab need it. */
export interface IssuedCertificate {
  readonly requestId: number;
  readonly serialNumber: string;
  readonly thumbprint: Thumbprint;
  readonly ca: string;
  readonly template: string;
  readonly templateSchemaVersion: number;
  readonly requester: string;
  readonly subject: string;
  readonly dnsNames: readonly string[];
  readonly upns: readonly string[];
  readonly ekus: readonly string[];
  readonly applicationPolicies: readonly string[];
  readonly notBefore: SimTime;
  readonly notAfter: SimTime;
  readonly keyRef: KeyRef;
  readonly keySize: number;
  readonly keyProvider: 'csp' | 'ksp';
  readonly exportableKey: boolean;
  /** Base64 DER: folding never signs, so the certificate itself is in the log. */
  readonly der: string;
}

/** A request held for a CA certificate manager's approval (Pending Requests). */
export interface PendingRequest {
  readonly requestId: number;
  readonly ca: string;
  readonly template: string;
  readonly requester: string;
  readonly submittedAt: SimTime;
  /** The names the request carried (a template whose subject is supplied in the request), issued on approval. */
  readonly requested?: { readonly commonName?: string; readonly dnsNames: readonly string[] };
}

export interface CaState {
  readonly authorities: Readonly<Record<string, CertificationAuthority>>;
  readonly pending: Readonly<Record<string, PendingRequest>>;
  readonly templates: Readonly<Record<string, Template>>;
  readonly issued: Readonly<Record<string, IssuedCertificate>>;
  /** Indexes of `issued`: each certificate's serial number by thumbprint, and by requester (in issuance order). */
  readonly serialByThumbprint: Readonly<Record<string, string>>;
  readonly serialsByRequester: Readonly<Record<string, readonly string[]>>;
  readonly lastRequestId: number;
  /** How many templates were created in the forest, for deterministic OIDs of new ones. */
  readonly templatesCreated: number;
  /** The Security tab each duplicate started with (copied from its source), to tell inherited entries from added ones. */
  readonly duplicatedAcls: Readonly<Record<string, readonly Ace[]>>;
  /** Revoked Certificates, by serial number. */
  readonly revocations: Readonly<Record<string, Revocation>>;
  /** Each CA's published CRLs, by CA name. */
  readonly crls: Readonly<Record<string, CaCrls>>;
  /** Request ids a CA manager denied (absent in worlds folded before denials existed). */
  readonly denied?: readonly number[];
  /** CAs whose service is stopped, with the time it stopped. */
  readonly stopped: Readonly<Record<string, SimTime>>;
}

export const emptyCa: CaState = {
  authorities: {},
  pending: {},
  templates: {},
  issued: {},
  serialByThumbprint: {},
  serialsByRequester: {},
  lastRequestId: 0,
  templatesCreated: 0,
  duplicatedAcls: {},
  revocations: {},
  crls: {},
  stopped: {},
};
