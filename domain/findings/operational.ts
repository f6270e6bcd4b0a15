import type { IssuedCertificate } from '../ca/model.ts';
import { groupsOf } from '../directory/membership.ts';
import type { World } from '../lab/world.ts';
import { addDays } from '../shared/time.ts';
import { finding, type Finding, type Rule } from './model.ts';
import { templateFindings } from './operational-templates.ts';
import { archivedThumbprints } from './renewal.ts';

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
