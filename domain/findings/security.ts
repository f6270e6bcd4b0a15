import { issuingAuthorities } from '../ca/lookup.ts';
import { sidSecurityOid } from '../ca/profile.ts';
import type { Template } from '../ca/template.ts';
import type { World } from '../lab/world.ts';
import { capabilities } from './capabilities.ts';
import { finding, type Finding, type Rule, type Severity } from './model.ts';
import { broadGroups, isSafe, lowPrivilegedEnrollers, lowPrivilegedWriters } from './principals.ts';

const templateDn = (world: World, t: Template) =>
  `CN=${t.name},CN=Certificate Templates,CN=Public Key Services,CN=Services,CN=Configuration,${world.directory.domain.dnsName
    .split('.')
    .map((l) => `DC=${l}`)
    .join(',')}`;
const broad = (principals: string[]) => principals.some((p) => broadGroups.includes(p));
const who = (principals: string[]) => principals.join(', ');
const approvalFix = (world: World, t: Template) =>
  `Set-ADObject "${templateDn(world, t)}" -Replace @{'msPKI-Enrollment-Flag' = 2}  # require CA certificate manager approval`;

/** ESC rules that apply only to templates a CA issues and low-privileged principals can enroll, without approval. */
const enrollable = (world: World, t: Template) => issuingAuthorities(world.ca, t).length > 0 && !t.managerApproval;

const templateRules = (world: World, t: Template): Finding[] => {
  const c = capabilities(t);
  const subject = `template:${t.name}`;
  const keys = [subject];
  const out: Finding[] = [];
  const enrollersLow = enrollable(world, t) ? lowPrivilegedEnrollers(world, t) : [];
  const severityFor = (high: Severity, critical: Severity) => (broad(enrollersLow) ? critical : high);
  if (enrollersLow.length > 0) {
    if (c.enrolleeSuppliesSubject && c.clientAuthentication) {
      out.push(
        finding(world, {
          rule: 'ESC1',
          family: 'security',
          severity: severityFor('high', 'critical'),
          subject,
          keys,
          message: `"${t.displayName}" lets the requester supply the subject and is good for client authentication, and ${who(enrollersLow)} can enroll: anyone of them can obtain a certificate that authenticates as any user, a domain admin included.`,
          fix: {
            procedure: `On the Subject Name tab choose "Build from this Active Directory information", or take Enroll away from ${who(enrollersLow)}, or require CA certificate manager approval.`,
            command: approvalFix(world, t),
          },
        }),
      );
    }
    if (c.anyPurpose) {
      out.push(
        finding(world, {
          rule: 'ESC2',
          family: 'security',
          severity: severityFor('high', 'critical'),
          subject,
          keys,
          message: `"${t.displayName}" has no EKU or Any Purpose, so its certificates are good for anything, and ${who(enrollersLow)} can enroll.`,
          fix: { procedure: 'Give the template only the EKUs its use needs (Extensions tab).', command: approvalFix(world, t) },
        }),
      );
    }
    if (c.enrollmentAgent && !c.anyPurpose) {
      out.push(
        finding(world, {
          rule: 'ESC3',
          family: 'security',
          severity: severityFor('high', 'critical'),
          subject,
          keys,
          message: `"${t.displayName}" issues enrollment agent certificates (Certificate Request Agent) to ${who(enrollersLow)}, who can then request certificates on behalf of other users.`,
          fix: {
            procedure: 'Restrict enrollment to the enrollment agents you intend, and set enrollment agent restrictions on the CA.',
            command: approvalFix(world, t),
          },
        }),
      );
    }
    if (c.noSecurityExtension && c.clientAuthentication) {
      out.push(
        finding(world, {
          rule: 'ESC9',
          family: 'security',
          severity: 'high',
          subject,
          keys,
          message: `"${t.displayName}" sets CT_FLAG_NO_SECURITY_EXTENSION: its client authentication certificates carry no SID, so weak certificate mapping can be abused by ${who(enrollersLow)}.`,
          fix: {
            procedure: 'Clear the no-security-extension flag so certificates carry the SID extension.',
            command: `certutil -dstemplate ${t.name} msPKI-Enrollment-Flag -0x00080000`,
          },
        }),
      );
    }
    const linked = (t.issuancePolicies ?? []).filter((p) => p.linkedGroup);
    if (linked.length > 0 && c.clientAuthentication) {
      out.push(
        finding(world, {
          rule: 'ESC13',
          family: 'security',
          severity: 'high',
          subject,
          keys,
          message: `"${t.displayName}" carries issuance policies linked to ${linked.map((p) => p.linkedGroup).join(', ')}; logging on with its certificate adds that group to the token of ${who(enrollersLow)}.`,
          fix: { procedure: 'Remove the group link from the issuance policy OID, or restrict enrollment.' },
        }),
      );
    }
    if (c.enrolleeSuppliesSubject && t.schemaVersion === 1) {
      out.push(
        finding(world, {
          rule: 'ESC15',
          family: 'security',
          severity: 'medium',
          subject,
          keys,
          message: `"${t.displayName}" is a version 1 template that takes its subject from the request, enrollable by ${who(enrollersLow)}; on CAs without the CVE-2024-49019 update, requesters can add application policies of their choice.`,
          fix: {
            procedure: 'Duplicate it into a version 2 template and unpublish the version 1 template, or restrict its enrollment.',
            command: `certutil -setCAtemplates -${t.name}`,
          },
        }),
      );
    }
    if (c.enrolleeSuppliesSubject && c.serverAuthentication) {
      const onlyServers = !broad(enrollersLow) && enrollersLow.every((p) => world.directory.principals[p]?.kind !== 'user');
      out.push(
        finding(world, {
          rule: 'ESC17',
          family: 'security',
          severity: onlyServers ? 'info' : 'medium',
          subject,
          keys,
          message: `"${t.displayName}" issues server authentication certificates for any name the requester types, to ${who(enrollersLow)}.${onlyServers ? ' The seed does this on purpose for the site system servers it names; keep the group to those servers.' : ' A holder can impersonate any web server.'}`,
          fix: { procedure: 'Keep enrollment to the servers that need it (the ConfigMgr groups of the seed), and remove broad groups.' },
        }),
      );
    }
  }
  const writers = lowPrivilegedWriters(world, t);
  if (writers.length > 0) {
    out.push(
      finding(world, {
        rule: 'ESC4',
        family: 'security',
        severity: broad(writers) ? 'critical' : 'high',
        subject,
        keys: [`${subject}:acl`, subject],
        message: `${who(writers)} may change "${t.displayName}" (Full Control or Write) and can turn it into an ESC1 template.`,
        fix: {
          procedure: `On the Security tab, clear Full Control and Write for ${who(writers)}.`,
          command: `Get-CertificateTemplate -Name ${t.name} | Get-CertificateTemplateAcl | Remove-CertificateTemplateAcl -Identity '${writers[0]}' -AccessType Allow -AccessMask Write,FullControl | Set-CertificateTemplateAcl`,
        },
      }),
    );
  }
  return out;
};

const caRules = (world: World): Finding[] =>
  Object.values(world.ca.authorities).flatMap((ca) => {
    const subject = `ca:${ca.name}`;
    const config = `${world.hosts.hosts[ca.host]?.fqdn ?? ca.host}\\${ca.name}`;
    const s = ca.settings;
    const canEnroll = s.enrollees.length > 0;
    const out: Finding[] = [];
    if (s.attributeSubjectAltName2 && canEnroll) {
      out.push(
        finding(world, {
          rule: 'ESC6',
          family: 'security',
          severity: 'critical',
          subject,
          message: `${ca.name} has EDITF_ATTRIBUTESUBJECTALTNAME2: any requester can add a SAN of their choice as a request attribute, on any template it issues.`,
          fix: {
            procedure: 'Clear the flag and restart Certificate Services.',
            command: `certutil -config "${config}" -setreg policy\\EditFlags -EDITF_ATTRIBUTESUBJECTALTNAME2 && net stop certsvc && net start certsvc`,
          },
        }),
      );
    }
    const managers = [...new Set([...s.managers, ...s.officers])].filter((p) => !isSafe(world, p));
    if (managers.length > 0) {
      out.push(
        finding(world, {
          rule: 'ESC7',
          family: 'security',
          severity: 'high',
          subject,
          message: `${managers.join(', ')} hold Manage CA or Issue and Manage Certificates on ${ca.name}, and can approve or reconfigure their way to any certificate.`,
          fix: { procedure: 'Certification Authority console › Properties › Security: remove those rights from non-administrators.' },
        }),
      );
    }
    if (s.webEnrollment === 'http' || s.webEnrollment === 'https') {
      out.push(
        finding(world, {
          rule: 'ESC8',
          family: 'security',
          severity: s.webEnrollment === 'http' ? 'high' : 'medium',
          subject,
          message: `${ca.name} has web enrollment over ${s.webEnrollment === 'http' ? 'plain HTTP' : 'HTTPS without Extended Protection for Authentication'}: NTLM can be relayed to it to obtain certificates.`,
          fix: {
            procedure: 'Require HTTPS with Extended Protection for Authentication on the CertSrv site, or remove web enrollment.',
            command: 'Uninstall-AdcsWebEnrollment -Force',
          },
        }),
      );
    }
    if (!s.enforceEncryptICertRequest) {
      out.push(
        finding(world, {
          rule: 'ESC11',
          family: 'security',
          severity: 'medium',
          subject,
          message: `${ca.name} accepts unencrypted RPC certificate requests (IF_ENFORCEENCRYPTICERTREQUEST off), so NTLM can be relayed to its RPC interface.`,
          fix: {
            procedure: 'Enforce encrypted requests and restart Certificate Services.',
            command: `certutil -config "${config}" -setreg CA\\InterfaceFlags +IF_ENFORCEENCRYPTICERTREQUEST && net stop certsvc && net start certsvc`,
          },
        }),
      );
    }
    if (s.disabledExtensions.includes(sidSecurityOid) && canEnroll) {
      out.push(
        finding(world, {
          rule: 'ESC16',
          family: 'security',
          severity: 'high',
          subject,
          message: `${ca.name} leaves the SID security extension (1.3.6.1.4.1.311.25.2) out of every certificate, which defeats strong certificate mapping.`,
          fix: {
            procedure: 'Remove the OID from the disabled extension list and restart Certificate Services.',
            command: `certutil -config "${config}" -setreg policy\\DisableExtensionList -1.3.6.1.4.1.311.25.2 && net stop certsvc && net start certsvc`,
          },
        }),
      );
    }
    return out;
  });

/** The AD CS security checks, with the conditions Certipy and Locksmith use (research §6). */
export const securityRules: Rule = (world) => [
  ...Object.values(world.ca.templates).flatMap((t) => templateRules(world, t)),
  ...caRules(world),
];
