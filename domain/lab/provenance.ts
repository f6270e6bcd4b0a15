import { match } from 'ts-pattern';
import type { LabEvent } from './events.ts';

/**
 * The entities an event shapes, as keys such as `template:ConfigMgrWebServerCertificate:acl`. The fold
 * records each event's position under its keys, so findings and `why` can name the events behind a state.
 */
export const entitiesShapedBy = (event: LabEvent): string[] =>
  match(event)
    .with({ type: 'LabCreated' }, () => ['lab'])
    .with({ type: 'PrincipalCreated' }, ({ data }) => [`principal:${data.principal.name}`])
    .with({ type: 'GroupMemberAdded' }, ({ data }) => [`principal:${data.group}`, `principal:${data.member}`, `membership:${data.member}`])
    .with({ type: 'ComputerRestarted' }, ({ data }) => [`principal:${data.computer}`, `host:${data.computer}`, `token:${data.computer}`])
    .with({ type: 'GpoCreated' }, ({ data }) => [`gpo:${data.name}`])
    .with({ type: 'AutoenrollmentPolicyConfigured' }, ({ data }) => [`gpo:${data.gpo}`])
    .with({ type: 'CaInstalled' }, ({ data }) => [`ca:${data.authority.name}`])
    .with({ type: 'TemplatePublished' }, { type: 'TemplateDuplicated' }, ({ data }) => [`template:${data.template.name}`])
    .with({ type: 'TemplateSubjectNameChanged' }, ({ data }) => [`template:${data.template}`, `template:${data.template}:subject`])
    .with({ type: 'TemplateRequestHandlingChanged' }, ({ data }) => [`template:${data.template}`, `template:${data.template}:request-handling`])
    .with({ type: 'TemplatePermissionsChanged' }, ({ data }) => [`template:${data.template}`, `template:${data.template}:acl`])
    .with({ type: 'TemplateApplicationPolicyAdded' }, ({ data }) => [`template:${data.template}`, `template:${data.template}:policies`])
    .with({ type: 'TemplateIssued' }, ({ data }) => [`template:${data.template}`, `template:${data.template}:issued`, `ca:${data.ca}`])
    .with({ type: 'CertificateIssued' }, ({ data }) => [`certificate:${data.certificate.thumbprint}`, `template:${data.certificate.template}:certificates`])
    .with({ type: 'CertificateRequestPending' }, ({ data }) => [`request:${data.requestId}`, `template:${data.template}:requests`])
    .with({ type: 'AutoenrollmentRan' }, ({ data }) => [`host:${data.computer}`, `autoenrollment:${data.computer}`])
    .with({ type: 'HostProvisioned' }, ({ data }) => [`host:${data.host.name}`])
    .with({ type: 'CertificateInstalled' }, ({ data }) => [`certificate:${data.thumbprint}`, `store:${data.host}`])
    .with({ type: 'CertificateExported' }, ({ data }) => [`certificate:${data.thumbprint}`, `store:${data.host}`])
    .with({ type: 'CertificateVerified' }, ({ data }) => [`store:${data.host}`])
    .with({ type: 'IisBindingChanged' }, { type: 'IisBindingVerified' }, ({ data }) => [`iis:${data.host}/${data.site}`])
    .with({ type: 'SiteSystemConfigured' }, ({ data }) => [`configmgr:site-system:${data.host}`])
    .with({ type: 'CloudDistributionPointCreated' }, ({ data }) => [`configmgr:cloud-dp:${data.serviceFqdn}`])
    .with({ type: 'DistributionPointCertificateImported' }, ({ data }) => [`configmgr:dp:${data.host}`])
    .with({ type: 'OutOfBandServicePointConfigured' }, { type: 'OutOfBandManagementConfigured' }, () => ['configmgr:out-of-band'])
    .with({ type: 'EnrollmentProfileSet' }, ({ data }) => [`configmgr:enrollment:${data.platform}`])
    .with({ type: 'DeviceEnrolled' }, ({ data }) => [`host:${data.device}`])
    .with({ type: 'AmtComputerProvisioned' }, ({ data }) => [`principal:${data.computer}`])
    .with({ type: 'ProcedureStarted' }, { type: 'ProcedureCompleted' }, { type: 'ActionTaken' }, ({ data }) => [`procedure:${data.procedure}`])
    .with({ type: 'ActionRejected' }, ({ data }) => [`procedure:${data.procedure}`, 'rejections'])
    .exhaustive();
