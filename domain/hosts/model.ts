import type { HostName, KeyRef, Thumbprint } from '../shared/ids.ts';
import type { SimTime } from '../shared/time.ts';

/** A computer of the test network as its console shows it. */
export interface Host {
  readonly name: HostName;
  readonly fqdn: string;
  /** The Internet FQDN a site system publishes, when it accepts Internet clients. */
  readonly internetFqdn?: string;
  readonly os: string;
  readonly roles: readonly string[];
  readonly lastBoot: SimTime;
  /** When the autoenrollment task last ran (at startup, then every 8 hours). */
  readonly lastAutoenrollment?: SimTime;
  /** How many autoenrollment passes ran since the lab began (startup, timer and pulse). */
  readonly autoenrollmentPasses?: number;
  /** What the last autoenrollment pass logged as failures (event 47 or 13), per template. */
  readonly autoenrollmentFailures?: readonly { readonly template: string; readonly eventId: 13 | 47; readonly message: string }[];
  /** A device that is not a domain computer (a phone, a Mac, an AMT management controller). */
  readonly device?: 'mobile' | 'mac' | 'amt';
}

/** A certificate in a computer's store (Certificates (Local Computer) snap-in). */
export interface StoredCertificate {
  readonly thumbprint: Thumbprint;
  readonly template: string;
  readonly keyRef: KeyRef;
  readonly hasPrivateKey: boolean;
  readonly exportableKey: boolean;
  readonly installedAt: SimTime;
  readonly exportedTo?: readonly string[];
  /** Replaced by a renewal or a superseding template: kept in the store, hidden from the snap-in and from IIS's list. */
  readonly archived?: boolean;
}

/** Local Computer\\Personal, or the AMT management controller's NVRAM (not visible in Windows). */
export type StoreName = 'personal' | 'amt-firmware';

interface IisBinding {
  readonly protocol: 'https';
  readonly port: number;
  readonly thumbprint?: Thumbprint;
}

export interface IisSite {
  readonly name: string;
  readonly bindings: readonly IisBinding[];
}

export interface HostsState {
  readonly hosts: Readonly<Record<string, Host>>;
  /** Local Computer stores: host → store → certificates. */
  readonly stores: Readonly<Record<string, Readonly<Partial<Record<StoreName, readonly StoredCertificate[]>>>>>;
  /** IIS sites per host: host → site name → site. */
  readonly iis: Readonly<Record<string, Readonly<Record<string, IisSite>>>>;
}

export const emptyHosts: HostsState = { hosts: {}, stores: {}, iis: {} };
