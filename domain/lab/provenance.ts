import type { LabEvent } from './events.ts';

type Shapers = { readonly [K in LabEvent['type']]: (event: Extract<LabEvent, { type: K }>) => string[] };

/** Per event type, the entity keys it shapes (a table: a missing event type does not compile). */
const shapers: Shapers = {
  LabCreated: () => ['lab'],
  PrincipalCreated: ({ data }) => [`principal:${data.principal.name}`],
  GroupMemberAdded: ({ data }) => [`principal:${data.group}`, `principal:${data.member}`, `membership:${data.member}`],
  ComputerRestarted: ({ data }) => [`principal:${data.computer}`, `host:${data.computer}`, `token:${data.computer}`],
  GpoCreated: ({ data }) => [`gpo:${data.name}`],
  AutoenrollmentPolicyConfigured: ({ data }) => [`gpo:${data.gpo}`],
  CaInstalled: ({ data }) => [`ca:${data.authority.name}`],
  TemplatePublished: ({ data }) => [`template:${data.template.name}`],
  TemplateDuplicated: ({ data }) => [`template:${data.template.name}`],
  TemplateSubjectNameChanged: ({ data }) => [`template:${data.template}`, `template:${data.template}:subject`],
  TemplateRequestHandlingChanged: ({ data }) => [`template:${data.template}`, `template:${data.template}:request-handling`],
  TemplatePermissionsChanged: ({ data }) => [`template:${data.template}`, `template:${data.template}:acl`],
  TemplateApplicationPolicyAdded: ({ data }) => [`template:${data.template}`, `template:${data.template}:policies`],
  TemplateIssued: ({ data }) => [`template:${data.template}`, `template:${data.template}:issued`, `ca:${data.ca}`],
  CertificateIssued: ({ data }) => [`certificate:${data.certificate.thumbprint}`, `template:${data.certificate.template}:certificates`],
  CertificateRequestPending: ({ data }) => [`request:${data.requestId}`, `template:${data.template}:requests`],
  AutoenrollmentRan: ({ data }) => [`host:${data.computer}`, `autoenrollment:${data.computer}`],
  CertificateRevoked: ({ data }) => [`certificate:${data.thumbprint}`, `revocation:${data.serialNumber}`],
  CrlPublished: ({ data }) => [`crl:${data.ca}`],
  CaServiceStopped: ({ data }) => [`ca:${data.ca}`, `crl:${data.ca}`],
  CaServiceStarted: ({ data }) => [`ca:${data.ca}`, `crl:${data.ca}`],
  HostProvisioned: ({ data }) => [`host:${data.host.name}`],
  CertificateInstalled: ({ data }) => [`certificate:${data.thumbprint}`, `store:${data.host}`],
  CertificateExported: ({ data }) => [`certificate:${data.thumbprint}`, `store:${data.host}`],
  CertificateVerified: ({ data }) => [`store:${data.host}`],
  IisBindingChanged: ({ data }) => [`iis:${data.host}/${data.site}`],
  IisBindingVerified: ({ data }) => [`iis:${data.host}/${data.site}`],
  SiteSystemConfigured: ({ data }) => [`configmgr:site-system:${data.host}`],
  CloudDistributionPointCreated: ({ data }) => [`configmgr:cloud-dp:${data.serviceFqdn}`],
  DistributionPointCertificateImported: ({ data }) => [`configmgr:dp:${data.host}`],
  OutOfBandServicePointConfigured: () => ['configmgr:out-of-band'],
  OutOfBandManagementConfigured: () => ['configmgr:out-of-band'],
  EnrollmentProfileSet: ({ data }) => [`configmgr:enrollment:${data.platform}`],
  DeviceEnrolled: ({ data }) => [`host:${data.device}`],
  AmtComputerProvisioned: ({ data }) => [`principal:${data.computer}`],
  TimeAdvanced: () => ['clock'],
  GroupPolicyRefreshed: ({ data }) => [`host:${data.computer}`],
  TemplateRemovedFromCa: ({ data }) => [`template:${data.template}`, `template:${data.template}:issued`, `ca:${data.ca}`],
  TemplateSettingsChanged: ({ data }) => [`template:${data.template}`, `template:${data.template}:settings`],
  CertificateRequestDenied: ({ data }) => [`request:${data.requestId}`],
  CertificateArchived: ({ data }) => [`certificate:${data.thumbprint}`, `store:${data.host}`],
  ProcedureStarted: ({ data }) => [`procedure:${data.procedure}`],
  ProcedureCompleted: ({ data }) => [`procedure:${data.procedure}`],
  ActionTaken: ({ data }) => [`procedure:${data.procedure}`],
  ActionRejected: ({ data }) => [`procedure:${data.procedure}`, 'rejections'],
};

/**
 * The entities an event shapes, as keys such as `template:ConfigMgrWebServerCertificate:acl`. The fold
 * records each event's position under its keys, so findings and `why` can name the events behind a state.
 */
export const entitiesShapedBy = (event: LabEvent): string[] => (shapers[event.type] as (e: LabEvent) => string[])(event);
