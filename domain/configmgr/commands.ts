import type { HostName } from '../shared/ids.ts';
import type { CertificateSelection } from '../hosts/commands.ts';
import type { EnrollmentPlatform, PfxImport } from './model.ts';

export type ConfigureSiteSystem = {
  readonly type: 'ConfigureSiteSystem';
  readonly host: HostName;
  readonly intranetFqdn: string;
  readonly internetFqdn?: string;
};
/** Create Cloud Distribution Point wizard: the service certificate is imported from a PFX. */
export type CreateCloudDistributionPoint = {
  readonly type: 'CreateCloudDistributionPoint';
  readonly serviceFqdn: string;
  readonly pfx: PfxImport;
};
/** Distribution point properties: import the client certificate (also sent to PXE clients, reused for boot media). */
export type ImportDistributionPointCertificate = {
  readonly type: 'ImportDistributionPointCertificate';
  readonly host: HostName;
  readonly pfx: PfxImport;
  readonly pxe: boolean;
  readonly bootMedia: boolean;
};
export type ConfigureOutOfBandServicePoint = {
  readonly type: 'ConfigureOutOfBandServicePoint';
  readonly host: HostName;
  readonly certificate: CertificateSelection;
};
export type ConfigureOutOfBandManagement = {
  readonly type: 'ConfigureOutOfBandManagement';
  readonly amtGroup: string;
  readonly webServerTemplate: string;
  readonly clientAuthTemplate?: string;
};
export type SetEnrollmentProfile = {
  readonly type: 'SetEnrollmentProfile';
  readonly platform: EnrollmentPlatform;
  readonly template: string;
};
/** A user enrolls a device; ConfigMgr requests the certificate from the profile's template for that user. */
export type EnrollDevice = {
  readonly type: 'EnrollDevice';
  readonly user: string;
  readonly device: HostName;
  readonly platform: EnrollmentPlatform;
};
/** AMT provisioning of one computer: its account joins the AMT group; its certificates follow. */
export type ProvisionAmtComputer = { readonly type: 'ProvisionAmtComputer'; readonly computer: HostName; readonly fqdn: string };

export type ConfigMgrCommand =
  | ConfigureSiteSystem
  | CreateCloudDistributionPoint
  | ImportDistributionPointCertificate
  | ConfigureOutOfBandServicePoint
  | ConfigureOutOfBandManagement
  | SetEnrollmentProfile
  | EnrollDevice
  | ProvisionAmtComputer;
