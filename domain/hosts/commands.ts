import type { Thumbprint, HostName } from '../shared/ids.ts';
import type { Secret } from '../shared/secret.ts';
import type { PfxEncryption } from './pfx-encryption.ts';

/** Which certificate the Edit Site Binding dialog selects: by thumbprint, or the newest issued from a template. */
export type CertificateSelection = { readonly thumbprint: Thumbprint } | { readonly template: string };

export type BindCertificate = {
  readonly type: 'BindCertificate';
  readonly host: HostName;
  readonly site: string;
  readonly port: number;
  readonly certificate: CertificateSelection;
};
/** Compare the bound certificate with the one requested, and its names with the site system FQDNs. */
export type VerifyBinding = {
  readonly type: 'VerifyBinding';
  readonly host: HostName;
  readonly site: string;
  readonly template: string;
  readonly names: readonly string[];
};

/** Certificate Export Wizard: "Yes, export the private key", PKCS #12 (.PFX), a password, a file name. */
/** Certificate Export Wizard; `encryption` is the Encryption list of Windows 10 1709 / Server 2019 and later. */
export type ExportCertificate = {
  readonly type: 'ExportCertificate';
  readonly host: HostName;
  readonly certificate: CertificateSelection;
  readonly file: string;
  readonly password: Secret;
  readonly encryption?: PfxEncryption;
};
/** Look in Certificates (Local Computer) › Personal: Intended Purpose and Certificate Template columns. */
export type VerifyCertificate = {
  readonly type: 'VerifyCertificate';
  readonly host: HostName;
  readonly template: string;
  readonly purpose: string;
};

export type HostsCommand = BindCertificate | VerifyBinding | ExportCertificate | VerifyCertificate;
