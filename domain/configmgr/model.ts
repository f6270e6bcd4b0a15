import type { Thumbprint, HostName } from '../shared/ids.ts';
import type { PfxEncryption } from '../hosts/pfx-encryption.ts';
import type { Secret } from '../shared/secret.ts';

/** What a PFX file turned out to hold, read by the engine before ConfigMgr decides on it. */
export type PfxFacts =
  | {
      readonly readable: true;
      readonly thumbprint: Thumbprint;
      readonly subject: string;
      readonly dnsNames: readonly string[];
      readonly ekus: readonly string[];
      readonly hasPrivateKey: boolean;
      readonly keyMatchesCertificate: boolean;
      readonly keySize: number;
      /** How the file is protected, when the reader could tell. */
      readonly encryption?: PfxEncryption;
    }
  | { readonly readable: false; readonly problem: 'missing-file' | 'not-pfx' | 'wrong-password'; readonly detail: string };

/** A PFX to import: the file and the password typed in the wizard; `facts` is filled in by the engine. */
export interface PfxImport {
  readonly file: string;
  readonly password: Secret;
  readonly facts?: PfxFacts;
}

export interface SiteSystem {
  readonly host: HostName;
  readonly intranetFqdn: string;
  readonly internetFqdn?: string;
}
export interface CloudDistributionPoint {
  readonly serviceFqdn: string;
  readonly thumbprint: Thumbprint;
  readonly file: string;
}
export interface DistributionPointCertificate {
  readonly host: HostName;
  readonly thumbprint: Thumbprint;
  readonly file: string;
  readonly pxe: boolean;
  readonly bootMedia: boolean;
}

export type EnrollmentPlatform = 'mobile' | 'mac';

/** The ConfigMgr site as the console configures it, as far as certificates are concerned. */
export interface ConfigMgrState {
  readonly siteSystems: Readonly<Record<string, SiteSystem>>;
  readonly cloudDistributionPoints: Readonly<Record<string, CloudDistributionPoint>>;
  readonly distributionPoints: Readonly<Record<string, DistributionPointCertificate>>;
  /** Out of band service point (the provisioning certificate) and the out of band management component. */
  readonly outOfBand: {
    readonly servicePoint?: { readonly host: HostName; readonly provisioningThumbprint: string };
    readonly amtGroup?: string;
    readonly webServerTemplate?: string;
    readonly clientAuthTemplate?: string;
  };
  /** Client settings: the enrollment profile's certificate template per platform. */
  readonly enrollmentProfiles: Readonly<Partial<Record<EnrollmentPlatform, string>>>;
}

export const emptyConfigMgr: ConfigMgrState = {
  siteSystems: {},
  cloudDistributionPoints: {},
  distributionPoints: {},
  outOfBand: {},
  enrollmentProfiles: {},
};
