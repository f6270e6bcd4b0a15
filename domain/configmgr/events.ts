import type { HostName } from '../shared/ids.ts';
import type { CloudDistributionPoint, DistributionPointCertificate, EnrollmentPlatform, SiteSystem } from './model.ts';

export type SiteSystemConfigured = { readonly type: 'SiteSystemConfigured'; readonly data: SiteSystem };
export type CloudDistributionPointCreated = { readonly type: 'CloudDistributionPointCreated'; readonly data: CloudDistributionPoint };
export type DistributionPointCertificateImported = {
  readonly type: 'DistributionPointCertificateImported';
  readonly data: DistributionPointCertificate;
};
export type OutOfBandServicePointConfigured = {
  readonly type: 'OutOfBandServicePointConfigured';
  readonly data: { readonly host: HostName; readonly provisioningThumbprint: string };
};
export type OutOfBandManagementConfigured = {
  readonly type: 'OutOfBandManagementConfigured';
  readonly data: { readonly amtGroup: string; readonly webServerTemplate: string; readonly clientAuthTemplate?: string };
};
export type EnrollmentProfileSet = {
  readonly type: 'EnrollmentProfileSet';
  readonly data: { readonly platform: EnrollmentPlatform; readonly template: string };
};
/** ConfigMgr enrolled a user's device through the enrollment point. */
export type DeviceEnrolled = {
  readonly type: 'DeviceEnrolled';
  readonly data: { readonly device: string; readonly user: string; readonly platform: EnrollmentPlatform };
};
/** AMT provisioning created the AMT computer's account in the AMT group. */
export type AmtComputerProvisioned = {
  readonly type: 'AmtComputerProvisioned';
  readonly data: { readonly computer: HostName; readonly fqdn: string; readonly group: string };
};

export type ConfigMgrEvent =
  | SiteSystemConfigured
  | CloudDistributionPointCreated
  | DistributionPointCertificateImported
  | OutOfBandServicePointConfigured
  | OutOfBandManagementConfigured
  | EnrollmentProfileSet
  | DeviceEnrolled
  | AmtComputerProvisioned;
