import { formatDn, type CertificationAuthority, type RecordedEvent } from '../../domain/index.ts';

/** The CA's edition, OS, key provider and signature hash (the last two absent in labs recorded before they existed). */
const caSetupText = (a: CertificationAuthority): string =>
  [a.edition, a.os, a.provider?.toUpperCase(), a.hashAlgorithm === undefined ? undefined : a.hashAlgorithm === 'sha1' ? 'SHA-1' : 'SHA-256']
    .filter(Boolean)
    .join(', ');

/** A describer of each event type: one line in words, from the event itself. */
type Describers = { readonly [T in RecordedEvent['type']]?: (e: Extract<RecordedEvent, { type: T }>) => string };

const describers: Describers = {
  LabCreated: (e) => `lab created: ${e.data.domain.dnsName}`,
  PrincipalCreated: (e) => `${e.data.principal.kind} ${e.data.principal.name} created`,
  GroupMemberAdded: (e) => `${e.data.member} added to ${e.data.group}`,
  ComputerRestarted: (e) => `${e.data.computer} restarted (token: ${e.data.tokenGroups.join(', ')})`,
  GpoCreated: (e) => `GPO ${e.data.name} created${e.data.linkedTo ? `, linked to ${e.data.linkedTo}` : ''}`,
  AutoenrollmentPolicyConfigured: (e) => `GPO ${e.data.gpo}: Auto-Enrollment ${e.data.policy.configurationModel}`,
  CaInstalled: (e) => {
    const a = e.data.authority;
    return `CA ${a.name} installed on ${a.host} (${caSetupText(a)}, ${formatDn(a.subject)})`;
  },
  TemplatePublished: (e) => `built-in template ${e.data.template.displayName}`,
  TemplateDuplicated: (e) => `${e.data.source} duplicated as "${e.data.template.displayName}" (${e.data.versionLabel})`,
  TemplateSubjectNameChanged: (e) => `${e.data.template}: subject name ${e.data.subjectName.source}`,
  TemplateRequestHandlingChanged: (e) =>
    `${e.data.template}: exportable key ${e.data.exportableKey}, manager approval ${e.data.managerApproval}`,
  TemplatePermissionsChanged: (e) =>
    `${e.data.template}: ${e.data.after.principal} allow [${e.data.after.allow.join(', ')}]${e.data.after.deny.length ? ` deny [${e.data.after.deny.join(', ')}]` : ''} (was [${e.data.before?.allow.join(', ') ?? ''}])`,
  TemplateApplicationPolicyAdded: (e) => `${e.data.template}: application policy ${e.data.name} (${e.data.oid}) added`,
  TemplateIssued: (e) => `${e.data.ca} now issues ${e.data.template}`,
  CertificateRequestPending: (e) => `request ${e.data.requestId} from ${e.data.requester} for ${e.data.template} pending approval`,
  CertificateIssued: (e) =>
    `${e.data.certificate.ca} issued ${e.data.certificate.thumbprint} (${e.data.certificate.template}) to ${e.data.certificate.requester}`,
  CertificateRevoked: (e) =>
    `${e.data.ca} revoked ${e.data.serialNumber} (request ${e.data.requestId}, ${e.data.thumbprint}): ${e.data.reason}`,
  CrlPublished: (e) =>
    `${e.data.ca} published ${e.data.kind} CRL #${e.data.crlNumber}${e.data.baseCrlNumber ? ` (delta of #${e.data.baseCrlNumber})` : ''}: ${e.data.entries.length} revoked, next update ${e.data.nextUpdate}`,
  CaServiceStopped: (e) => `${e.data.ca}: certsvc stopped`,
  CaServiceStarted: (e) => `${e.data.ca}: certsvc started`,
  AutoenrollmentRan: (e) =>
    `${e.data.computer} autoenrollment (${e.data.trigger})${e.data.failures.length ? `: ${e.data.failures.map((f) => `event ${f.eventId} for ${f.template}`).join(', ')}` : ''}`,
  HostProvisioned: (e) => `host ${e.data.host.name} (${e.data.host.os})`,
  CertificateInstalled: (e) => `${e.data.host} ${e.data.store} store: ${e.data.thumbprint} (${e.data.template}) installed`,
  CertificateExported: (e) => `${e.data.host}: ${e.data.thumbprint} exported to ${e.data.file}`,
  CertificateVerified: (e) => `${e.data.host}: ${e.data.thumbprint} verified (${e.data.purposes.join(', ')})`,
  IisBindingChanged: (e) => `${e.data.host} ${e.data.site} ${e.data.protocol}:${e.data.port} bound to ${e.data.thumbprint}`,
  IisBindingVerified: (e) => `${e.data.host} ${e.data.site} binding verified for ${e.data.names.join(', ')}`,
  SiteSystemConfigured: (e) => `site system ${e.data.host}: ${[e.data.intranetFqdn, e.data.internetFqdn].filter(Boolean).join(', ')}`,
  CloudDistributionPointCreated: (e) => `cloud DP ${e.data.serviceFqdn} created from ${e.data.file}`,
  DistributionPointCertificateImported: (e) => `DP ${e.data.host}: ${e.data.file} imported`,
  OutOfBandServicePointConfigured: (e) =>
    `out of band service point ${e.data.host}: provisioning certificate ${e.data.provisioningThumbprint}`,
  OutOfBandManagementConfigured: (e) =>
    `out of band management: group ${e.data.amtGroup}, templates ${[e.data.webServerTemplate, e.data.clientAuthTemplate].filter(Boolean).join(', ')}`,
  EnrollmentProfileSet: (e) => `${e.data.platform} enrollment profile: ${e.data.template}`,
  DeviceEnrolled: (e) => `${e.data.user} enrolled ${e.data.device} (${e.data.platform})`,
  AmtComputerProvisioned: (e) => `AMT computer ${e.data.computer} provisioned (${e.data.fqdn})`,
  ProcedureStarted: (e) => `procedure ${e.data.procedure} started`,
  ProcedureCompleted: (e) => `procedure ${e.data.procedure} completed`,
  ActionTaken: (e) => `input: ${e.data.choice === null ? 'skipped' : JSON.stringify(e.data.choice)}`,
  ActionRejected: (e) => `REJECTED ${e.data.rejection.code} ${e.data.rejection.name}: ${e.data.rejection.reason}`,
};

/** One line per event, in words: what happened, not the JSON. */
export const describeEvent = (e: RecordedEvent): string => {
  const describe = describers[e.type] as ((e: RecordedEvent) => string) | undefined;
  // A type described nowhere in the table yet (a newly added event) still gets a line: its type in words.
  return describe ? describe(e) : (e as { type: string }).type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
};
