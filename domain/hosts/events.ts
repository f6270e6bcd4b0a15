import type { Host, IisSite, StoreName } from './model.ts';

export type HostProvisioned = { readonly type: 'HostProvisioned'; readonly data: { readonly host: Host; readonly iisSites: readonly IisSite[] } };
export type CertificateInstalled = {
  readonly type: 'CertificateInstalled';
  readonly data: {
    readonly host: string;
    readonly store: StoreName;
    readonly thumbprint: string;
    readonly template: string;
    readonly keyRef: string;
    readonly exportableKey: boolean;
  };
};
export type IisBindingChanged = {
  readonly type: 'IisBindingChanged';
  readonly data: { readonly host: string; readonly site: string; readonly protocol: 'https'; readonly port: number; readonly thumbprint: string; readonly previous: string | null };
};
export type IisBindingVerified = {
  readonly type: 'IisBindingVerified';
  readonly data: { readonly host: string; readonly site: string; readonly thumbprint: string; readonly names: readonly string[] };
};

export type HostsEvent = HostProvisioned | CertificateInstalled | IisBindingChanged | IisBindingVerified;
