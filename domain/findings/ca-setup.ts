import { hasSidUpdate, signatureHashOf } from '../ca/setup.ts';
import type { CertificationAuthority } from '../ca/model.ts';
import { oid } from '../shared/oids.ts';
import type { World } from '../lab/world.ts';
import { finding, type Finding, type Rule } from './model.ts';

const sha1Signatures = (world: World, ca: CertificationAuthority): Finding[] =>
  signatureHashOf(ca) !== 'sha1'
    ? []
    : [
        finding(world, {
          rule: 'OP-SHA1-SIGNATURES',
          family: 'operational',
          severity: 'info',
          subject: `ca:${ca.name}`,
          message:
            `${ca.name} signs with SHA-1, as a ${ca.provider === 'ksp' ? 'CA' : 'CSP-based CA'} set up with defaults does. ` +
            'Clients of its day accept it; today Chromium refuses SHA-1 server certificates (ERR_CERT_INVALID) and OpenSSL 3 ' +
            'refuses the chain at its default security level.',
          fix: {
            procedure:
              'Move the CA key to a KSP and switch to SHA-256 (Microsoft: "Migrating a CA from CSP to KSP and SHA-1 to SHA-256"), ' +
              'then renew the certificates.',
            command: 'certutil -setreg ca\\csp\\CNGHashAlgorithm SHA256 && net stop certsvc && net start certsvc',
          },
        }),
      ];

const withoutSidExtension = (world: World, ca: CertificationAuthority): Finding[] => {
  if (hasSidUpdate(ca)) return [];
  const authentication = Object.values(world.ca.issued).filter((c) => c.ca === ca.name && c.ekus.includes(oid.clientAuth));
  if (authentication.length === 0) return [];
  return [
    finding(world, {
      rule: 'OP-NO-SID-EXTENSION',
      family: 'operational',
      severity: 'medium',
      subject: `ca:${ca.name}`,
      message:
        `${ca.name} lacks the May 2022 update (KB5014754), so its ${authentication.length} client authentication ` +
        'certificate(s) carry no SID extension. Domain controllers in Full Enforcement mode refuse certificate-based logon ' +
        'with them unless each account is mapped explicitly.',
      fix: {
        procedure:
          'Install the May 2022 (or later) cumulative update on the CA server, then renew the certificates so they carry the extension.',
      },
    }),
  ];
};

/**
 * What a CA's setup means for clients of today: a CA that signs with SHA-1 (a 2008 CA set up with defaults), and
 * a CA without the May 2022 update, whose certificates carry no SID extension.
 */
export const caSetupRules: Rule = (world) =>
  Object.values(world.ca.authorities).flatMap((ca) => [...sha1Signatures(world, ca), ...withoutSidExtension(world, ca)]);
