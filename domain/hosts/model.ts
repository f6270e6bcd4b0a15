import type { SimTime } from '../shared/time.ts';

/** A computer of the test network as its console shows it. */
export interface Host {
  readonly name: string;
  readonly fqdn: string;
  /** The Internet FQDN a site system publishes, when it accepts Internet clients. */
  readonly internetFqdn?: string;
  readonly os: string;
  readonly roles: readonly string[];
  readonly lastBoot: SimTime;
}

/** A certificate in a computer's store (Certificates (Local Computer) snap-in). */
export interface StoredCertificate {
  readonly thumbprint: string;
  readonly template: string;
  readonly keyRef: string;
  readonly hasPrivateKey: boolean;
  readonly exportableKey: boolean;
  readonly installedAt: SimTime;
}

export type StoreName = 'personal';

export interface IisBinding {
  readonly protocol: 'https';
  readonly port: number;
  readonly thumbprint?: string;
}

export interface IisSite {
  readonly name: string;
  readonly bindings: readonly IisBinding[];
}

export interface HostsState {
  readonly hosts: Readonly<Record<string, Host>>;
  /** Local Computer stores: host → store → certificates. */
  readonly stores: Readonly<Record<string, Readonly<Record<StoreName, readonly StoredCertificate[]>>>>;
  /** IIS sites per host: host → site name → site. */
  readonly iis: Readonly<Record<string, Readonly<Record<string, IisSite>>>>;
}

export const emptyHosts: HostsState = { hosts: {}, stores: {}, iis: {} };
