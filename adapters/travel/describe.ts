import { formatDn, type CertificationAuthority, type RecordedEvent } from '../../domain/index.ts';

/** The CA's edition, OS, key provider and signature hash (the last two absent in labs recorded before they existed). */
const caSetupText = (a: CertificationAuthority): string =>
  [a.edition, a.os, a.provider?.toUpperCase(), a.hashAlgorithm === undefined ? undefined : a.hashAlgorithm === 'sha1' ? 'SHA-1' : 'SHA-256']
    .filter(Boolean)
    .join(', ');

/** One line per event, in words: what happened, not the JSON. */
export const describeEvent = (e: RecordedEvent): string => {
  switch (e.type) {
    case 'LabCreated':
      return `lab created: ${e.data.domain.dnsName}`;
    case 'PrincipalCreated':
      return `${e.data.principal.kind} ${e.data.principal.name} created`;
    case 'GroupMemberAdded':
      return `${e.data.member} added to ${e.data.group}`;
    case 'ComputerRestarted':
      return `${e.data.computer} restarted (token: ${e.data.tokenGroups.join(', ')})`;
    case 'GpoCreated':
      return `GPO ${e.data.name} created${e.data.linkedTo ? `, linked to ${e.data.linkedTo}` : ''}`;
    case 'AutoenrollmentPolicyConfigured':
      return `GPO ${e.data.gpo}: Auto-Enrollment ${e.data.policy.configurationModel}`;
    case 'CaInstalled': {
      const a = e.data.authority;
      return `CA ${a.name} installed on ${a.host} (${caSetupText(a)}, ${formatDn(a.subject)})`;
    }
    case 'TemplatePublished':
      return `built-in template ${e.data.template.displayName}`;
    case 'TemplateDuplicated':
      return `${e.data.source} duplicated as "${e.data.template.displayName}" (${e.data.versionLabel})`;
    case 'TemplateSubjectNameChanged':
      return `${e.data.template}: subject name ${e.data.subjectName.source}`;
    case 'TemplateRequestHandlingChanged':
      return `${e.data.template}: exportable key ${e.data.exportableKey}, manager approval ${e.data.managerApproval}`;
    case 'TemplatePermissionsChanged':
      return `${e.data.template}: ${e.data.after.principal} allow [${e.data.after.allow.join(', ')}]${e.data.after.deny.length ? ` deny [${e.data.after.deny.join(', ')}]` : ''} (was [${e.data.before?.allow.join(', ') ?? ''}])`;
    case 'TemplateApplicationPolicyAdded':
      return `${e.data.template}: application policy ${e.data.name} (${e.data.oid}) added`;
    case 'TemplateIssued':
      return `${e.data.ca} now issues ${e.data.template}`;
    case 'CertificateRequestPending':
      return `request ${e.data.requestId} from ${e.data.requester} for ${e.data.template} pending approval`;
    case 'CertificateIssued':
      return `${e.data.certificate.ca} issued ${e.data.certificate.thumbprint} (${e.data.certificate.template}) to ${e.data.certificate.requester}`;
    case 'CertificateRevoked':
      return `${e.data.ca} revoked ${e.data.serialNumber} (request ${e.data.requestId}, ${e.data.thumbprint}): ${e.data.reason}`;
    case 'CrlPublished':
      return `${e.data.ca} published ${e.data.kind} CRL #${e.data.crlNumber}${e.data.baseCrlNumber ? ` (delta of #${e.data.baseCrlNumber})` : ''}: ${e.data.entries.length} revoked, next update ${e.data.nextUpdate}`;
    case 'CaServiceStopped':
      return `${e.data.ca}: certsvc stopped`;
    case 'CaServiceStarted':
      return `${e.data.ca}: certsvc started`;
    case 'AutoenrollmentRan':
      return `${e.data.computer} autoenrollment (${e.data.trigger})${e.data.failures.length ? `: ${e.data.failures.map((f) => `event ${f.eventId} for ${f.template}`).join(', ')}` : ''}`;
    case 'HostProvisioned':
      return `host ${e.data.host.name} (${e.data.host.os})`;
    case 'CertificateInstalled':
      return `${e.data.host} ${e.data.store} store: ${e.data.thumbprint} (${e.data.template}) installed`;
    case 'CertificateExported':
      return `${e.data.host}: ${e.data.thumbprint} exported to ${e.data.file}`;
    case 'CertificateVerified':
      return `${e.data.host}: ${e.data.thumbprint} verified (${e.data.purposes.join(', ')})`;
    case 'IisBindingChanged':
      return `${e.data.host} ${e.data.site} ${e.data.protocol}:${e.data.port} bound to ${e.data.thumbprint}`;
    case 'IisBindingVerified':
      return `${e.data.host} ${e.data.site} binding verified for ${e.data.names.join(', ')}`;
    case 'SiteSystemConfigured':
      return `site system ${e.data.host}: ${[e.data.intranetFqdn, e.data.internetFqdn].filter(Boolean).join(', ')}`;
    case 'CloudDistributionPointCreated':
      return `cloud DP ${e.data.serviceFqdn} created from ${e.data.file}`;
    case 'DistributionPointCertificateImported':
      return `DP ${e.data.host}: ${e.data.file} imported`;
    case 'OutOfBandServicePointConfigured':
      return `out of band service point ${e.data.host}: provisioning certificate ${e.data.provisioningThumbprint}`;
    case 'OutOfBandManagementConfigured':
      return `out of band management: group ${e.data.amtGroup}, templates ${[e.data.webServerTemplate, e.data.clientAuthTemplate].filter(Boolean).join(', ')}`;
    case 'EnrollmentProfileSet':
      return `${e.data.platform} enrollment profile: ${e.data.template}`;
    case 'DeviceEnrolled':
      return `${e.data.user} enrolled ${e.data.device} (${e.data.platform})`;
    case 'AmtComputerProvisioned':
      return `AMT computer ${e.data.computer} provisioned (${e.data.fqdn})`;
    case 'ProcedureStarted':
      return `procedure ${e.data.procedure} started`;
    case 'ProcedureCompleted':
      return `procedure ${e.data.procedure} completed`;
    case 'ActionTaken':
      return `input: ${e.data.choice === null ? 'skipped' : JSON.stringify(e.data.choice)}`;
    case 'ActionRejected':
      return `REJECTED ${e.data.rejection.code} ${e.data.rejection.name}: ${e.data.rejection.reason}`;
    // A type described nowhere above yet (a newly added event) still gets a line: its type in words.
    default:
      return (e as { type: string }).type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  }
};
