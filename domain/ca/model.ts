import type { SimTime } from '../shared/time.ts';
import type { Rdn } from './profile.ts';
import type { Template } from './template.ts';

export type CaEdition = 'enterprise' | 'standard';
export type CaOs = 'windows-server-2008' | 'windows-server-2012';

/** An enterprise CA (pKIEnrollmentService) and what it issues. */
export interface CertificationAuthority {
  readonly name: string;
  readonly host: string;
  readonly edition: CaEdition;
  readonly os: CaOs;
  readonly keyRef: string;
  readonly subject: readonly Rdn[];
  readonly notBefore: SimTime;
  readonly notAfter: SimTime;
  /** Base64 DER of the CA's own certificate. */
  readonly certificate: string;
  readonly thumbprint: string;
  /** The certificateTemplates attribute: template names this CA issues. */
  readonly templatesToIssue: readonly string[];
}

/** A certificate the CA issued, as the Issued Certificates view and the lab need it. */
export interface IssuedCertificate {
  readonly requestId: number;
  readonly serialNumber: string;
  readonly thumbprint: string;
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
  readonly keyRef: string;
  readonly keySize: number;
  readonly keyProvider: 'csp' | 'ksp';
  readonly exportableKey: boolean;
  /** Base64 DER: folding never signs, so the certificate itself is in the log. */
  readonly der: string;
}

export interface CaState {
  readonly authorities: Readonly<Record<string, CertificationAuthority>>;
  readonly templates: Readonly<Record<string, Template>>;
  readonly issued: Readonly<Record<string, IssuedCertificate>>;
  readonly lastRequestId: number;
  /** How many templates were created in the forest, for deterministic OIDs of new ones. */
  readonly templatesCreated: number;
}

export const emptyCa: CaState = { authorities: {}, templates: {}, issued: {}, lastRequestId: 0, templatesCreated: 0 };
