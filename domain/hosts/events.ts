import type { KeyRef, Thumbprint, HostName } from '../shared/ids.ts';
import type { Host, IisSite, StoreName } from './model.ts';
import type { PfxEncryption } from './pfx-encryption.ts';

export type HostProvisioned = {
  readonly type: 'HostProvisioned';
  readonly data: { readonly host: Host; readonly iisSites: readonly IisSite[] };
};
export type CertificateInstalled = {
  readonly type: 'CertificateInstalled';
  readonly data: {
    readonly host: HostName;
    readonly store: StoreName;
    readonly thumbprint: Thumbprint;
    readonly template: string;
    readonly keyRef: KeyRef;
    readonly exportableKey: boolean;
  };
};
export type IisBindingChanged = {
  readonly type: 'IisBindingChanged';
  readonly data: {
    readonly host: HostName;
    readonly site: string;
    readonly protocol: 'https';
    readonly port: number;
    readonly thumbprint: Thumbprint;
    readonly previous: string | null;
  };
};
export type IisBindingVerified = {
  readonly type: 'IisBindingVerified';
  readonly data: { readonly host: HostName; readonly site: string; readonly thumbprint: Thumbprint; readonly names: readonly string[] };
};

/** The Certificate Export Wizard wrote a PFX (PKCS #12) with the private key. */
export type CertificateExported = {
  readonly type: 'CertificateExported';
  readonly data: {
    readonly host: HostName;
    readonly thumbprint: Thumbprint;
    readonly file: string;
    readonly withPrivateKey: boolean;
    /** How the file is protected (absent in labs recorded before the choice existed: AES256-SHA256). */
    readonly encryption?: PfxEncryption;
  };
};
/** Someone looked in the store and found what the procedure said they would. */
export type CertificateVerified = {
  readonly type: 'CertificateVerified';
  readonly data: {
    readonly host: HostName;
    readonly thumbprint: Thumbprint;
    readonly template: string;
    readonly purposes: readonly string[];
  };
};

export type HostsEvent =
  | HostProvisioned
  | CertificateInstalled
  | IisBindingChanged
  | IisBindingVerified
  | CertificateExported
  | CertificateVerified;
