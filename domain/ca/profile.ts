import type { KeyRef } from '../shared/ids.ts';
import type { KeyUsageBit } from './template.ts';

/** One relative distinguished name, written in the order AD CS encodes it (DC=com first). */
export type Rdn = readonly [attribute: 'DC' | 'CN' | 'OU' | 'O' | 'E', value: string];

/** The extensions a certificate carries, as data; the signer adapter encodes them. */
export type ExtensionSpec =
  | { readonly kind: 'keyUsage'; readonly usages: readonly (KeyUsageBit | 'keyCertSign' | 'cRLSign')[]; readonly critical: boolean }
  | { readonly kind: 'extendedKeyUsage'; readonly oids: readonly string[] }
  | { readonly kind: 'subjectAltName'; readonly dnsNames: readonly string[]; readonly upns: readonly string[]; readonly critical: boolean }
  | { readonly kind: 'basicConstraints'; readonly ca: boolean; readonly critical: boolean }
  | { readonly kind: 'subjectKeyIdentifier' }
  | { readonly kind: 'authorityKeyIdentifier' }
  | { readonly kind: 'templateInformation'; readonly templateOid: string; readonly major: number; readonly minor: number }
  | { readonly kind: 'templateName'; readonly name: string }
  | { readonly kind: 'applicationPolicies'; readonly oids: readonly string[] }
  | { readonly kind: 'caVersion'; readonly value: number }
  | { readonly kind: 'crlDistributionPoints'; readonly urls: readonly string[] }
  | { readonly kind: 'authorityInformationAccess'; readonly caIssuers: readonly string[] }
  | { readonly kind: 'sidSecurity'; readonly sid: string };

/** szOID_NTDS_CA_SECURITY_EXT: the SID security extension of KB5014754 (MS-WCCE 2.2.2.7.7.4). */
export const sidSecurityOid = '1.3.6.1.4.1.311.25.2';

/** Everything needed to sign a certificate, decided by the domain; no key material, only references. */
export interface CertificateProfile {
  readonly serialNumber: string;
  /** The hash of the CA's signature: SHA-1 on a CA set up with defaults, SHA-256 on a KSP CA set up for it. */
  readonly signatureHash: 'sha1' | 'sha256';
  readonly subject: readonly Rdn[];
  readonly issuer: readonly Rdn[];
  /** The key store reference of the signing key (the CA's). */
  readonly signingKeyRef: KeyRef;
  /** Base64 SubjectPublicKeyInfo of the certified key. */
  readonly publicKey: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly extensions: readonly ExtensionSpec[];
}

export const formatDn = (rdns: readonly Rdn[]): string =>
  [...rdns]
    .reverse()
    .map(([a, v]) => `${a}=${v}`)
    .join(', ');
