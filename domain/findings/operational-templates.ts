import { hasRight } from '../ca/access.ts';
import { effectiveAutoenrollmentPolicy } from '../ca/autoenroll.ts';
import { issuingAuthorities } from '../ca/lookup.ts';
import type { Template } from '../ca/template.ts';
import { groupsOf, tokenIdentities } from '../directory/membership.ts';
import type { World } from '../lab/world.ts';
import { finding, type Finding, type Severity } from './model.ts';
import { broadGroups, enrollers } from './principals.ts';

const needsExport = ['cloud-dp-service', 'dp-client'];
/** Templates whose seed procedure takes Enroll away from both Domain Admins and Enterprise Admins. */
const adminEnrollRemovedBySeed: readonly string[] = [
  'site-system-web-server',
  'amt-provisioning',
  'amt-web-server',
  'amt-8021x',
  'mac-client',
];

/** What each template check reads: the template, the CAs that issue it, and who may autoenroll it. */
interface OnTemplate {
  readonly world: World;
  readonly t: Template;
  readonly subject: string;
  readonly issuers: ReturnType<typeof issuingAuthorities>;
  readonly autoenrollees: readonly string[];
}

type TemplateCheck = (x: OnTemplate) => Finding[];

/** An operational finding on the template; `keys` name what caused it (the template itself unless told). */
const on = (
  x: OnTemplate,
  f: { rule: string; severity: Severity; keys?: readonly string[]; message: string; fix: Finding['fix'] },
): Finding =>
  finding(x.world, {
    rule: f.rule,
    family: 'operational',
    severity: f.severity,
    subject: x.subject,
    ...(f.keys ? { keys: f.keys } : {}),
    message: f.message,
    fix: f.fix,
  });

const caCannotRead: TemplateCheck = (x) =>
  x.issuers
    .filter((ca) => !hasRight(x.t.acl, tokenIdentities(x.world.directory, ca.host), 'Read'))
    .map((ca) =>
      on(x, {
        rule: 'OP-CA-CANNOT-READ',
        severity: 'high',
        keys: [`${x.subject}:acl`, `${x.subject}:issued`],
        message: `${ca.name} issues "${x.t.displayName}" but its computer account ${ca.host} cannot read the template, so every request fails with 0x80094800 (CertSvc event 53).`,
        fix: {
          procedure: 'Give Authenticated Users (or the CA computer account) Read on the Security tab.',
          command: `Get-CertificateTemplate -Name ${x.t.name} | Get-CertificateTemplateAcl | Add-CertificateTemplateAcl -Identity 'Authenticated Users' -AccessType Allow -AccessMask Read | Set-CertificateTemplateAcl`,
        },
      }),
    );

const nobodyCanEnroll: TemplateCheck = (x) =>
  x.t.purpose && x.issuers.length > 0 && enrollers(x.world, x.t).length === 0
    ? [
        on(x, {
          rule: 'OP-NOBODY-CAN-ENROLL',
          severity: 'medium',
          keys: [`${x.subject}:acl`, `${x.subject}:issued`],
          message: `"${x.t.displayName}" is issued, but no account or group has both Read and Enroll on it.`,
          fix: { procedure: 'On the Security tab give the group that needs the certificate Read and Enroll.' },
        }),
      ]
    : [];

const notIssued: TemplateCheck = (x) =>
  x.t.purpose && x.issuers.length === 0
    ? [
        on(x, {
          rule: 'OP-TEMPLATE-NOT-ISSUED',
          severity: 'medium',
          message: `"${x.t.displayName}" exists but no CA issues it: Request Certificates does not offer it and autoenrollment logs event 47.`,
          fix: {
            procedure: 'Certification Authority console › Certificate Templates › New › Certificate Template to Issue.',
            command: `certutil -setCAtemplates +${x.t.name}`,
          },
        }),
      ]
    : [];

const autoenrollNoPolicy: TemplateCheck = (x) => {
  const { t, world } = x;
  const wanted = x.autoenrollees.length > 0 && t.schemaVersion >= 2 && t.autoenrollment && x.issuers.length > 0;
  if (!wanted || effectiveAutoenrollmentPolicy(world.directory)?.autoenrollment.updateTemplates) return [];
  return [
    on(x, {
      rule: 'OP-AUTOENROLL-NO-POLICY',
      severity: 'medium',
      keys: [`${x.subject}:acl`, ...Object.keys(world.directory.gpos).map((g) => `gpo:${g}`)],
      message: `${x.autoenrollees.join(', ')} may autoenroll "${t.displayName}", but no GPO linked to the domain enables Certificate Services Client – Auto-Enrollment with "Update certificates that use certificate templates", so nothing enrolls.`,
      fix: {
        procedure: 'In a GPO linked to the domain set the Configuration Model to Enabled and check both boxes; then restart the computers.',
        command: 'gpupdate /force && certutil -pulse',
      },
    }),
  ];
};

const autoenrollWithoutEnroll: TemplateCheck = (x) => {
  const holds = (p: string, right: 'Enroll' | 'Read') => hasRight(x.t.acl, [p, ...groupsOf(x.world.directory, p)], right);
  const partial = x.autoenrollees.filter((p) => !holds(p, 'Enroll') || !holds(p, 'Read'));
  if (partial.length === 0) return [];
  return [
    on(x, {
      rule: 'OP-AUTOENROLL-WITHOUT-ENROLL',
      severity: 'low',
      keys: [`${x.subject}:acl`],
      message: `${partial.join(', ')} ${partial.length > 1 ? 'have' : 'has'} Autoenroll on "${x.t.displayName}" without Read and Enroll; autoenrollment needs all three.`,
      fix: { procedure: 'Give Read and Enroll next to Autoenroll.' },
    }),
  ];
};

const exportableNotRequired: TemplateCheck = (x) =>
  x.t.exportableKey && (!x.t.purpose || !needsExport.includes(x.t.purpose))
    ? [
        on(x, {
          rule: 'OP-EXPORTABLE-NOT-REQUIRED',
          severity: x.t.purpose ? 'low' : 'info',
          keys: [`${x.subject}:request-handling`],
          message: `"${x.t.displayName}" allows private keys to be exported although its certificates are not imported as files; an exportable key can be copied off the computer.`,
          fix: {
            procedure: 'Clear "Allow private key to be exported" on the Request Handling tab unless the certificate must travel as a PFX.',
          },
        }),
      ]
    : [];

const adminEnroll: TemplateCheck = (x) => {
  const { t } = x;
  const admins = t.purpose ? enrollers(x.world, t).filter((p) => p === 'Domain Admins' || p === 'Enterprise Admins') : [];
  if (!t.purpose || admins.length === 0) return [];
  const seedRemoves = adminEnrollRemovedBySeed.includes(t.purpose);
  return [
    on(x, {
      rule: 'OP-ADMIN-ENROLL',
      severity: seedRemoves ? 'low' : 'info',
      keys: [`${x.subject}:acl`],
      message: `${admins.join(' and ')} can still enroll "${t.displayName}". Administrators do not need these certificates; ${seedRemoves ? 'the seed removes Enroll from them for this template' : 'the seed leaves it for this template, but removing it is the same good practice'}.`,
      fix: { procedure: `On the Security tab clear Enroll for ${admins.join(' and ')}.` },
    }),
  ];
};

/** Where the Enroll of these principals comes from: called inherited only when the duplicate started with it. */
const enrollOrigin = (world: World, t: Template, principals: readonly string[]): string => {
  const initial = world.ca.duplicatedAcls[t.name];
  const inherited = principals.filter((p) => initial && hasRight(initial, [p], 'Enroll'));
  const added = principals.filter((p) => !inherited.includes(p));
  return [
    inherited.length > 0 ? `${inherited.join(', ')}: inherited from the template it was duplicated from` : '',
    added.length > 0 ? `${added.join(', ')}: granted on its Security tab` : '',
  ]
    .filter(Boolean)
    .join('; ');
};

const broadEnroll: TemplateCheck = (x) => {
  const { t, world } = x;
  if (!t.purpose) return [];
  const broad = enrollers(world, t).filter((p) => broadGroups.includes(p) && !(t.purpose === 'windows-client' && p === 'Domain Computers'));
  if (broad.length === 0) return [];
  return [
    on(x, {
      rule: 'OP-BROAD-ENROLL',
      severity: 'info',
      keys: [`${x.subject}:acl`],
      message: `${broad.join(', ')} can enroll "${t.displayName}" (${enrollOrigin(world, t, broad)}), not only the group the procedure created for it.`,
      fix: { procedure: `On the Security tab clear Enroll for ${broad.join(', ')} if only the procedure's group should enroll.` },
    }),
  ];
};

/** The template checks, in the order their findings are listed. */
const templateChecks: readonly TemplateCheck[] = [
  caCannotRead,
  nobodyCanEnroll,
  notIssued,
  autoenrollNoPolicy,
  autoenrollWithoutEnroll,
  exportableNotRequired,
  adminEnroll,
  broadEnroll,
];

/** A template's operational findings: issuing, enrolling, autoenrolling, key export, who may enroll. */
export const templateFindings = (world: World, t: Template): Finding[] => {
  const autoenrollees = t.acl.map((a) => a.principal).filter((p) => hasRight(t.acl, [p, ...groupsOf(world.directory, p)], 'Autoenroll'));
  const x: OnTemplate = { world, t, subject: `template:${t.name}`, issuers: issuingAuthorities(world.ca, t), autoenrollees };
  return templateChecks.flatMap((check) => check(x));
};
