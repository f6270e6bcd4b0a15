import type { ConfigMgrEvent } from '../domain/index.ts';
import { settled } from './copy.ts';
import type { Handlers } from './handlers.ts';

/** ConfigMgr events: site systems, distribution points, out of band management, enrollment profiles. */
export const configMgrHandlers: Handlers<ConfigMgrEvent> = {
  SiteSystemConfigured: (world, { data }) => {
    world.configmgr.siteSystems[data.host] = settled(data);
  },
  CloudDistributionPointCreated: (world, { data }) => {
    world.configmgr.cloudDistributionPoints[data.serviceFqdn] = settled(data);
  },
  DistributionPointCertificateImported: (world, { data }) => {
    world.configmgr.distributionPoints[data.host] = settled(data);
  },
  OutOfBandServicePointConfigured: (world, { data }) => {
    world.configmgr.outOfBand.servicePoint = settled(data);
  },
  OutOfBandManagementConfigured: (world, { data }) => {
    Object.assign(world.configmgr.outOfBand, data);
  },
  EnrollmentProfileSet: (world, { data }) => {
    world.configmgr.enrollmentProfiles[data.platform] = data.template;
  },
  DeviceEnrolled: () => undefined,
  AmtComputerProvisioned: () => undefined,
};
