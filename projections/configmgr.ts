import type { Draft } from 'immer';
import { match } from 'ts-pattern';
import type { ConfigMgrEvent, RecordedEvent, World } from '../domain/index.ts';
import { copy } from './copy.ts';

/** Folds ConfigMgr events: site systems, distribution points, out of band management, enrollment profiles. */
export const applyConfigMgr = (world: Draft<World>, event: RecordedEvent<ConfigMgrEvent>): void => {
  const cm = world.configmgr;
  match(event as ConfigMgrEvent)
    .with({ type: 'SiteSystemConfigured' }, ({ data }) => {
      cm.siteSystems[data.host] = copy(data);
    })
    .with({ type: 'CloudDistributionPointCreated' }, ({ data }) => {
      cm.cloudDistributionPoints[data.serviceFqdn] = copy(data);
    })
    .with({ type: 'DistributionPointCertificateImported' }, ({ data }) => {
      cm.distributionPoints[data.host] = copy(data);
    })
    .with({ type: 'OutOfBandServicePointConfigured' }, ({ data }) => {
      cm.outOfBand.servicePoint = copy(data);
    })
    .with({ type: 'OutOfBandManagementConfigured' }, ({ data }) => {
      Object.assign(cm.outOfBand, copy(data));
    })
    .with({ type: 'EnrollmentProfileSet' }, ({ data }) => {
      cm.enrollmentProfiles[data.platform] = data.template;
    })
    .with({ type: 'DeviceEnrolled' }, { type: 'AmtComputerProvisioned' }, () => undefined)
    .exhaustive();
};
