import { hasRight } from '../ca/access.ts';
import { effectiveAutoenrollmentPolicy } from '../ca/autoenroll.ts';
import { issuingAuthorities } from '../ca/lookup.ts';
import type { IssuedCertificate } from '../ca/model.ts';
import type { Template } from '../ca/template.ts';
import { groupsOf, tokenIdentities } from '../directory/membership.ts';
import type { World } from '../lab/world.ts';
import { addDays } from '../shared/time.ts';
import { finding, type Finding, type Rule } from './model.ts';
import { broadGroups, enrollers } from './principals.ts';
import { archivedThumbprints } from './renewal.ts';

const needsExport = ['cloud-dp-service', 'dp-client'];
/** Templates whose seed procedure takes Enroll away from both Domain Admins and Enterprise Admins. */
const adminEnrollRemovedBySeed: readonly string[] = [
  'site-system-web-server',
  'amt-provisioning',
  'amt-web-server',
  'amt-8021x',
  'mac-client',
];

const pendingRestarts = (world: World): Finding[] =>
  Object.values(world.directory.principals)
    .filter((p) => p.kind === 'computer' && world.directory.tokens[p.name])
    .flatMap((p) => {
      const token = world.directory.tokens[p.name]!;
      const stale = groupsOf(world.directory, p.name).filter((g) => !token.groups.includes(g));
      if (stale.length === 0) return [];
      const after = (world.provenance[`membership:${p.name}`] ?? []).filter(
        (pos) => pos > Math.max(...(world.provenance[`token:${p.name}`] ?? [0])),
      );
      return [
        finding(world, {
          rule: 'OP-PENDING-RESTART',
          family: 'operational',
          severity: 'medium',
          subject: `principal:${p.name}`,
          causedBy: after,
          message: `${p.name} joined ${stale.join(', ')} after its last restart (${token.issuedAt}); until it restarts, permissions granted to ${stale.length > 1 ? 'those groups' : 'that group'} do not apply to it.`,
          fix: {
            procedure: `Restart ${p.name}.`,
            command: `Restart-Computer -ComputerName ${p.name}  # or: klist -li 0x3e7 purge, then certutil -pulse`,
          },
        }),
      ];
    });

const templateFindings = (world: World, t: Template): Finding[] => {
  const subject = `template:${t.name}`;
  const out: Finding[] = [];
  const issuers = issuingAuthorities(world.ca, t);
  const policy = effectiveAutoenrollmentPolicy(world.directory);
  const autoenrollees = t.acl.map((a) => a.principal).filter((p) => hasRight(t.acl, [p, ...groupsOf(world.directory, p)], 'Autoenroll'));
  for (const ca of issuers) {
    if (!hasRight(t.acl, tokenIdentities(world.directory, ca.host), 'Read')) {
      out.push(
        finding(world, {
          rule: 'OP-CA-CANNOT-READ',
          family: 'operational',
          severity: 'high',
          subject,
          keys: [`${subject}:acl`, `${subject}:issued`],
          message: `${ca.name} issues "${t.displayName}" but its computer account ${ca.host} cannot read the template, so every request fails with 0x80094800 (CertSvc event 53).`,
          fix: {
            procedure: 'Give Authenticated Users (or the CA computer account) Read on the Security tab.',
            command: `Get-CertificateTemplate -Name ${t.name} | Get-CertificateTemplateAcl | Add-CertificateTemplateAcl -Identity 'Authenticated Users' -AccessType Allow -AccessMask Read | Set-CertificateTemplateAcl`,
          },
        }),
      );
    }
  }
  if (t.purpose && issuers.length > 0 && enrollers(world, t).length === 0) {
    out.push(
      finding(world, {
        rule: 'OP-NOBODY-CAN-ENROLL',
        family: 'operational',
        severity: 'medium',
        subject,
        keys: [`${subject}:acl`, `${subject}:issued`],
        message: `"${t.displayName}" is issued, but no account or group has both Read and Enroll on it.`,
        fix: { procedure: 'On the Security tab give the group that needs the certificate Read and Enroll.' },
      }),
    );
  }
  if (t.purpose && issuers.length === 0) {
    out.push(
      finding(world, {
        rule: 'OP-TEMPLATE-NOT-ISSUED',
        family: 'operational',
        severity: 'medium',
        subject,
        message: `"${t.displayName}" exists but no CA issues it: Request Certificates does not offer it and autoenrollment logs event 47.`,
        fix: {
          procedure: 'Certification Authority console › Certificate Templates › New › Certificate Template to Issue.',
          command: `certutil -setCAtemplates +${t.name}`,
        },
      }),
    );
  }
  if (
    autoenrollees.length > 0 &&
    t.schemaVersion >= 2 &&
    t.autoenrollment &&
    issuers.length > 0 &&
    !policy?.autoenrollment.updateTemplates
  ) {
    out.push(
      finding(world, {
        rule: 'OP-AUTOENROLL-NO-POLICY',
        family: 'operational',
        severity: 'medium',
        subject,
        keys: [`${subject}:acl`, ...Object.keys(world.directory.gpos).map((g) => `gpo:${g}`)],
        message: `${autoenrollees.join(', ')} may autoenroll "${t.displayName}", but no GPO linked to the domain enables Certificate Services Client – Auto-Enrollment with "Update certificates that use certificate templates", so nothing enrolls.`,
        fix: {
          procedure:
            'In a GPO linked to the domain set the Configuration Model to Enabled and check both boxes; then restart the computers.',
          command: 'gpupdate /force && certutil -pulse',
        },
      }),
    );
  }
  const partial = autoenrollees.filter(
    (p) =>
      !hasRight(t.acl, [p, ...groupsOf(world.directory, p)], 'Enroll') || !hasRight(t.acl, [p, ...groupsOf(world.directory, p)], 'Read'),
  );
  if (partial.length > 0) {
    out.push(
      finding(world, {
        rule: 'OP-AUTOENROLL-WITHOUT-ENROLL',
        family: 'operational',
        severity: 'low',
        subject,
        keys: [`${subject}:acl`],
        message: `${partial.join(', ')} ${partial.length > 1 ? 'have' : 'has'} Autoenroll on "${t.displayName}" without Read and Enroll; autoenrollment needs all three.`,
        fix: { procedure: 'Give Read and Enroll next to Autoenroll.' },
      }),
    );
  }
  if (t.exportableKey && (!t.purpose || !needsExport.includes(t.purpose))) {
    out.push(
      finding(world, {
        rule: 'OP-EXPORTABLE-NOT-REQUIRED',
        family: 'operational',
        severity: t.purpose ? 'low' : 'info',
        subject,
        keys: [`${subject}:request-handling`],
        message: `"${t.displayName}" allows private keys to be exported although its certificates are not imported as files; an exportable key can be copied off the computer.`,
        fix: {
          procedure: 'Clear "Allow private key to be exported" on the Request Handling tab unless the certificate must travel as a PFX.',
        },
      }),
    );
  }
  if (t.purpose) {
    const admins = enrollers(world, t).filter((p) => p === 'Domain Admins' || p === 'Enterprise Admins');
    const broad = enrollers(world, t).filter(
      (p) => broadGroups.includes(p) && !(t.purpose === 'windows-client' && p === 'Domain Computers'),
    );
    if (admins.length > 0) {
      const seedRemoves = adminEnrollRemovedBySeed.includes(t.purpose);
      out.push(
        finding(world, {
          rule: 'OP-ADMIN-ENROLL',
          family: 'operational',
          severity: seedRemoves ? 'low' : 'info',
          subject,
          keys: [`${subject}:acl`],
          message: `${admins.join(' and ')} can still enroll "${t.displayName}". Administrators do not need these certificates; ${seedRemoves ? 'the seed removes Enroll from them for this template' : 'the seed leaves it for this template, but removing it is the same good practice'}.`,
          fix: { procedure: `On the Security tab clear Enroll for ${admins.join(' and ')}.` },
        }),
      );
    }
    if (broad.length > 0) {
      out.push(
        finding(world, {
          rule: 'OP-BROAD-ENROLL',
          family: 'operational',
          severity: 'info',
          subject,
          keys: [`${subject}:acl`],
          message: `${broad.join(', ')} can enroll "${t.displayName}" (${enrollOrigin(world, t, broad)}), not only the group the procedure created for it.`,
          fix: { procedure: `On the Security tab clear Enroll for ${broad.join(', ')} if only the procedure's group should enroll.` },
        }),
      );
    }
  }
  return out;
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

const pendingRequests = (world: World): Finding[] =>
  Object.values(world.ca.pending).map((r) =>
    finding(world, {
      rule: 'OP-REQUEST-PENDING',
      family: 'operational',
      severity: 'medium',
      subject: `request:${r.requestId}`,
      message: `Request ${r.requestId} from ${r.requester} for "${world.ca.templates[r.template]?.displayName ?? r.template}" waits for a CA certificate manager's approval since ${r.submittedAt}; nothing is installed until it is issued.`,
      fix: {
        procedure:
          'Certification Authority console › Pending Requests › All Tasks › Issue, then retrieve the certificate on the requester.',
        command: `certutil -resubmit ${r.requestId}`,
      },
    }),
  );

/** Expiry of certificates in use: a renewed (archived) certificate expiring is what renewal is for. */
const expiring = (world: World): Finding[] => {
  const archived = archivedThumbprints(world);
  // A revoked certificate is not one to renew (OP-REVOKED-BOUND speaks of it where it is still in use).
  const current = (c: IssuedCertificate) => !archived.has(c.thumbprint) && !world.ca.revocations[c.serialNumber];
  return Object.values(world.ca.issued)
    .filter(current)
    .flatMap((c) => {
      const renewal = world.ca.templates[c.template]?.renewalDays ?? 42;
      const expired = Date.parse(c.notAfter) <= Date.parse(world.now);
      const soon = Date.parse(c.notAfter) <= Date.parse(addDays(world.now, renewal));
      if (!soon) return [];
      return [
        finding(world, {
          rule: expired ? 'OP-CERTIFICATE-EXPIRED' : 'OP-CERTIFICATE-EXPIRING',
          family: 'operational',
          severity: expired ? 'medium' : 'low',
          subject: `certificate:${c.thumbprint}`,
          message: `The certificate ${c.thumbprint} of ${c.requester} ("${c.template}") ${expired ? 'expired' : 'expires'} on ${c.notAfter}.`,
          fix: {
            procedure:
              'Renew it: autoenrolled certificates renew on the next autoenrollment pass; others need a new request (and a new export where it was imported).',
            command: 'certutil -pulse',
          },
        }),
      ];
    });
};

const autoenrollmentFailures = (world: World): Finding[] =>
  Object.values(world.hosts.hosts).flatMap((host) =>
    (host.autoenrollmentFailures ?? []).map((failure) =>
      finding(world, {
        rule: 'OP-AUTOENROLL-FAILING',
        family: 'operational',
        severity: 'medium',
        subject: `host:${host.name}`,
        keys: [`autoenrollment:${host.name}`, `template:${failure.template}`],
        message: `${host.name}'s last autoenrollment logged event ${failure.eventId}: ${failure.message}`,
        fix: {
          procedure:
            failure.eventId === 47
              ? 'Issue the template on the CA (Certificate Template to Issue), then restart the computer or wait for the next pass.'
              : 'Correct what the CA refused (the code in the message), then restart the computer or wait for the next pass.',
          command: 'certutil -pulse',
        },
      }),
    ),
  );

/** Operational checks: restarts, issuing, autoenrollment prerequisites, key export, approvals, expiry. */
export const operationalRules: Rule = (world) => [
  ...pendingRestarts(world),
  ...Object.values(world.ca.templates).flatMap((t) => templateFindings(world, t)),
  ...pendingRequests(world),
  ...autoenrollmentFailures(world),
  ...expiring(world),
];
