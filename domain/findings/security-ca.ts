import type { CertificationAuthority } from '../ca/model.ts';
import { sidSecurityOid } from '../ca/profile.ts';
import type { World } from '../lab/world.ts';
import { finding, type Finding, type Severity } from './model.ts';
import { isSafe } from './principals.ts';

/** What each CA check reads: the CA, its settings, its certutil -config name, and whether anyone can enroll there. */
interface OnCa {
  readonly world: World;
  readonly ca: CertificationAuthority;
  readonly s: CertificationAuthority['settings'];
  readonly config: string;
  readonly canEnroll: boolean;
}

type CaCheck = (x: OnCa) => Finding | undefined;

/** A security finding on the CA, caused by what shaped the CA. */
const on = (x: OnCa, f: { rule: string; severity: Severity; message: string; fix: Finding['fix'] }): Finding =>
  finding(x.world, { rule: f.rule, family: 'security', severity: f.severity, subject: `ca:${x.ca.name}`, message: f.message, fix: f.fix });

const esc6: CaCheck = (x) =>
  x.s.attributeSubjectAltName2 && x.canEnroll
    ? on(x, {
        rule: 'ESC6',
        severity: 'critical',
        message: `${x.ca.name} has EDITF_ATTRIBUTESUBJECTALTNAME2: any requester can add a SAN of their choice as a request attribute, on any template it issues.`,
        fix: {
          procedure: 'Clear the flag and restart Certificate Services.',
          command: `certutil -config "${x.config}" -setreg policy\\EditFlags -EDITF_ATTRIBUTESUBJECTALTNAME2 && net stop certsvc && net start certsvc`,
        },
      })
    : undefined;

const esc7: CaCheck = (x) => {
  const managers = [...new Set([...x.s.managers, ...x.s.officers])].filter((p) => !isSafe(x.world, p));
  if (managers.length === 0) return undefined;
  return on(x, {
    rule: 'ESC7',
    severity: 'high',
    message: `${managers.join(', ')} hold Manage CA or Issue and Manage Certificates on ${x.ca.name}, and can approve or reconfigure their way to any certificate.`,
    fix: { procedure: 'Certification Authority console › Properties › Security: remove those rights from non-administrators.' },
  });
};

const esc8: CaCheck = (x) => {
  const web = x.s.webEnrollment;
  if (web !== 'http' && web !== 'https') return undefined;
  return on(x, {
    rule: 'ESC8',
    severity: web === 'http' ? 'high' : 'medium',
    message: `${x.ca.name} has web enrollment over ${web === 'http' ? 'plain HTTP' : 'HTTPS without Extended Protection for Authentication'}: NTLM can be relayed to it to obtain certificates.`,
    fix: {
      procedure: 'Require HTTPS with Extended Protection for Authentication on the CertSrv site, or remove web enrollment.',
      command: 'Uninstall-AdcsWebEnrollment -Force',
    },
  });
};

const esc11: CaCheck = (x) =>
  x.s.enforceEncryptICertRequest
    ? undefined
    : on(x, {
        rule: 'ESC11',
        severity: 'medium',
        message: `${x.ca.name} accepts unencrypted RPC certificate requests (IF_ENFORCEENCRYPTICERTREQUEST off), so NTLM can be relayed to its RPC interface.`,
        fix: {
          procedure: 'Enforce encrypted requests and restart Certificate Services.',
          command: `certutil -config "${x.config}" -setreg CA\\InterfaceFlags +IF_ENFORCEENCRYPTICERTREQUEST && net stop certsvc && net start certsvc`,
        },
      });

const esc16: CaCheck = (x) =>
  x.s.disabledExtensions.includes(sidSecurityOid) && x.canEnroll
    ? on(x, {
        rule: 'ESC16',
        severity: 'high',
        message: `${x.ca.name} leaves the SID security extension (1.3.6.1.4.1.311.25.2) out of every certificate, which defeats strong certificate mapping.`,
        fix: {
          procedure: 'Remove the OID from the disabled extension list and restart Certificate Services.',
          command: `certutil -config "${x.config}" -setreg policy\\DisableExtensionList -1.3.6.1.4.1.311.25.2 && net stop certsvc && net start certsvc`,
        },
      })
    : undefined;

/** The CA checks, in the order their findings are listed. */
const caChecks: readonly CaCheck[] = [esc6, esc7, esc8, esc11, esc16];

/** Each CA's ESC findings (its settings, its officers and managers). */
export const caRules = (world: World): Finding[] =>
  Object.values(world.ca.authorities).flatMap((ca) => {
    const config = `${world.hosts.hosts[ca.host]?.fqdn ?? ca.host}\\${ca.name}`;
    const x: OnCa = { world, ca, s: ca.settings, config, canEnroll: ca.settings.enrollees.length > 0 };
    return caChecks.map((check) => check(x)).filter((f): f is Finding => f !== undefined);
  });
