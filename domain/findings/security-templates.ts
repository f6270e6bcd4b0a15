import { issuingAuthorities } from '../ca/lookup.ts';
import type { Template } from '../ca/template.ts';
import type { World } from '../lab/world.ts';
import { capabilities } from './capabilities.ts';
import { finding, type Finding, type Severity } from './model.ts';
import { broadGroups, lowPrivilegedEnrollers, lowPrivilegedWriters } from './principals.ts';

const templateDn = (world: World, t: Template) =>
  `CN=${t.name},CN=Certificate Templates,CN=Public Key Services,CN=Services,CN=Configuration,${world.directory.domain.dnsName
    .split('.')
    .map((l) => `DC=${l}`)
    .join(',')}`;
const broad = (principals: readonly string[]) => principals.some((p) => broadGroups.includes(p));
const who = (principals: readonly string[]) => principals.join(', ');
const approvalFix = (world: World, t: Template) =>
  `Set-ADObject "${templateDn(world, t)}" -Replace @{'msPKI-Enrollment-Flag' = 2}  # require CA certificate manager approval`;

/** ESC rules that apply only to templates a CA issues and low-privileged principals can enroll, without approval. */
const enrollable = (world: World, t: Template) => issuingAuthorities(world.ca, t).length > 0 && !t.managerApproval;

/** What each enrollment check reads: the template, what its certificates are good for, who low-privileged can enroll. */
interface Enrollable {
  readonly world: World;
  readonly t: Template;
  readonly c: ReturnType<typeof capabilities>;
  readonly enrollers: readonly string[];
}

/** A check that finds one rule on a template, or nothing. */
type EnrollCheck = (x: Enrollable) => Finding | undefined;

/** A security finding on the template, caused by what shaped the template. */
const on = (x: Enrollable, f: { rule: string; severity: Severity; message: string; fix: Finding['fix'] }): Finding =>
  finding(x.world, {
    rule: f.rule,
    family: 'security',
    severity: f.severity,
    subject: `template:${x.t.name}`,
    message: f.message,
    fix: f.fix,
  });

/** High, or critical when a broad group (Domain Users, Authenticated Users…) can enroll. */
const highOrCritical = (x: Enrollable): Severity => (broad(x.enrollers) ? 'critical' : 'high');

const esc1: EnrollCheck = (x) =>
  x.c.enrolleeSuppliesSubject && x.c.clientAuthentication
    ? on(x, {
        rule: 'ESC1',
        severity: highOrCritical(x),
        message: `"${x.t.displayName}" lets the requester supply the subject and is good for client authentication, and ${who(x.enrollers)} can enroll: anyone of them can obtain a certificate that authenticates as any user, a domain admin included.`,
        fix: {
          procedure: `On the Subject Name tab choose "Build from this Active Directory information", or take Enroll away from ${who(x.enrollers)}, or require CA certificate manager approval.`,
          command: approvalFix(x.world, x.t),
        },
      })
    : undefined;

const esc2: EnrollCheck = (x) =>
  x.c.anyPurpose
    ? on(x, {
        rule: 'ESC2',
        severity: highOrCritical(x),
        message: `"${x.t.displayName}" has no EKU or Any Purpose, so its certificates are good for anything, and ${who(x.enrollers)} can enroll.`,
        fix: { procedure: 'Give the template only the EKUs its use needs (Extensions tab).', command: approvalFix(x.world, x.t) },
      })
    : undefined;

const esc3: EnrollCheck = (x) =>
  x.c.enrollmentAgent && !x.c.anyPurpose
    ? on(x, {
        rule: 'ESC3',
        severity: highOrCritical(x),
        message: `"${x.t.displayName}" issues enrollment agent certificates (Certificate Request Agent) to ${who(x.enrollers)}, who can then request certificates on behalf of other users.`,
        fix: {
          procedure: 'Restrict enrollment to the enrollment agents you intend, and set enrollment agent restrictions on the CA.',
          command: approvalFix(x.world, x.t),
        },
      })
    : undefined;

const esc9: EnrollCheck = (x) =>
  x.c.noSecurityExtension && x.c.clientAuthentication
    ? on(x, {
        rule: 'ESC9',
        severity: 'high',
        message: `"${x.t.displayName}" sets CT_FLAG_NO_SECURITY_EXTENSION: its client authentication certificates carry no SID, so weak certificate mapping can be abused by ${who(x.enrollers)}.`,
        fix: {
          procedure: 'Clear the no-security-extension flag so certificates carry the SID extension.',
          command: `certutil -dstemplate ${x.t.name} msPKI-Enrollment-Flag -0x00080000`,
        },
      })
    : undefined;

const esc13: EnrollCheck = (x) => {
  const linked = (x.t.issuancePolicies ?? []).filter((p) => p.linkedGroup);
  if (linked.length === 0 || !x.c.clientAuthentication) return undefined;
  return on(x, {
    rule: 'ESC13',
    severity: 'high',
    message: `"${x.t.displayName}" carries issuance policies linked to ${linked.map((p) => p.linkedGroup).join(', ')}; logging on with its certificate adds that group to the token of ${who(x.enrollers)}.`,
    fix: { procedure: 'Remove the group link from the issuance policy OID, or restrict enrollment.' },
  });
};

const esc15: EnrollCheck = (x) =>
  x.c.enrolleeSuppliesSubject && x.t.schemaVersion === 1
    ? on(x, {
        rule: 'ESC15',
        severity: 'medium',
        message: `"${x.t.displayName}" is a version 1 template that takes its subject from the request, enrollable by ${who(x.enrollers)}; on CAs without the CVE-2024-49019 update, requesters can add application policies of their choice.`,
        fix: {
          procedure: 'Duplicate it into a version 2 template and unpublish the version 1 template, or restrict its enrollment.',
          command: `certutil -setCAtemplates -${x.t.name}`,
        },
      })
    : undefined;

const esc17: EnrollCheck = (x) => {
  if (!x.c.enrolleeSuppliesSubject || !x.c.serverAuthentication) return undefined;
  const onlyServers = !broad(x.enrollers) && x.enrollers.every((p) => x.world.directory.principals[p]?.kind !== 'user');
  return on(x, {
    rule: 'ESC17',
    severity: onlyServers ? 'info' : 'medium',
    message: `"${x.t.displayName}" issues server authentication certificates for any name the requester types, to ${who(x.enrollers)}.${onlyServers ? ' The seed does this on purpose for the site system servers it names; keep the group to those servers.' : ' A holder can impersonate any web server.'}`,
    fix: { procedure: 'Keep enrollment to the servers that need it (the ConfigMgr groups of the seed), and remove broad groups.' },
  });
};

/** The enrollment checks, in the order their findings are listed. */
const enrollChecks: readonly EnrollCheck[] = [esc1, esc2, esc3, esc9, esc13, esc15, esc17];

/** ESC4: low-privileged principals that may rewrite the template itself. */
const esc4 = (world: World, t: Template): Finding | undefined => {
  const writers = lowPrivilegedWriters(world, t);
  if (writers.length === 0) return undefined;
  const subject = `template:${t.name}`;
  return finding(world, {
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
  });
};

/** The template's ESC findings: the enrollment checks when low-privileged principals can enroll it, then ESC4. */
export const templateRules = (world: World, t: Template): Finding[] => {
  const enrollers = enrollable(world, t) ? lowPrivilegedEnrollers(world, t) : [];
  const x: Enrollable = { world, t, c: capabilities(t), enrollers };
  const found = enrollers.length > 0 ? enrollChecks.map((check) => check(x)) : [];
  return [...found, esc4(world, t)].filter((f): f is Finding => f !== undefined);
};
