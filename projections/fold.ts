import { produce, type Draft } from 'immer';
import { match, P } from 'ts-pattern';
import { emptyWorld, entitiesShapedBy, type CaEvent, type ConfigMgrEvent, type DirectoryEvent, type HostsEvent, type RecordedEvent, type World, type WorkflowEvent } from '../domain/index.ts';
import { applyCa } from './ca.ts';
import { applyConfigMgr } from './configmgr.ts';
import { applyDirectory } from './directory.ts';
import { applyHosts } from './hosts.ts';
import { applyWorkflow } from './workflow.ts';

/** Applies one recorded event to a draft world. Every event type is routed (exhaustive). */
export const apply = (world: Draft<World>, event: RecordedEvent): void => {
  match(event.type)
    .with(P.union('LabCreated', 'PrincipalCreated', 'GroupMemberAdded', 'ComputerRestarted', 'GpoCreated', 'AutoenrollmentPolicyConfigured'), () => applyDirectory(world, event as RecordedEvent<DirectoryEvent>))
    .with(
      P.union('CaInstalled', 'TemplatePublished', 'TemplateDuplicated', 'TemplateSubjectNameChanged', 'TemplateRequestHandlingChanged', 'TemplatePermissionsChanged', 'TemplateApplicationPolicyAdded', 'TemplateIssued', 'CertificateIssued', 'AutoenrollmentRan', 'CertificateRequestPending'),
      () => applyCa(world, event as RecordedEvent<CaEvent>),
    )
    .with(P.union('HostProvisioned', 'CertificateInstalled', 'IisBindingChanged', 'IisBindingVerified', 'CertificateExported', 'CertificateVerified'), () => applyHosts(world, event as RecordedEvent<HostsEvent>))
    .with(
      P.union('SiteSystemConfigured', 'CloudDistributionPointCreated', 'DistributionPointCertificateImported', 'OutOfBandServicePointConfigured', 'OutOfBandManagementConfigured', 'EnrollmentProfileSet', 'DeviceEnrolled', 'AmtComputerProvisioned'),
      () => applyConfigMgr(world, event as RecordedEvent<ConfigMgrEvent>),
    )
    .with(P.union('ActionTaken', 'ActionRejected', 'ProcedureStarted', 'ProcedureCompleted'), () => applyWorkflow(world, event as RecordedEvent<WorkflowEvent>))
    .exhaustive();
  for (const key of entitiesShapedBy(event)) (world.provenance[key] ??= []).push(event.position);
  world.position = event.position;
  world.now = event.at;
};

/** Events folded per immer `produce`: one draft per batch, never one per event. */
export const batchSize = 1000;

/** The world after `events`, folded from `from` in batches. Pure: no signing, no IO. */
export const fold = (events: readonly RecordedEvent[], from: World = emptyWorld): World => {
  let world = from;
  for (let start = 0; start < events.length; start += batchSize) {
    const batch = events.slice(start, start + batchSize);
    world = produce(world, (draft) => {
      for (const event of batch) apply(draft, event);
    });
  }
  return world;
};
