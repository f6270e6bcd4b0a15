import type { Thumbprint } from '../shared/ids.ts';
import { crlStatus } from '../ca/crl-status.ts';
import { caPlace, crlSettingsOf, expandUrl, reachesPublishedCrl } from '../ca/crl-urls.ts';
import type { CertificationAuthority, IssuedCertificate } from '../ca/model.ts';
import type { Revocation } from '../ca/crl-model.ts';
import type { World } from '../lab/world.ts';
import { finding, type Finding, type Rule } from './model.ts';

const offline = 'CRYPT_E_REVOCATION_OFFLINE (0x80092013)';
const revokedError = 'CRYPT_E_REVOKED 0x80092010';
const publishNow = {
  procedure: 'Certification Authority console › Revoked Certificates › All Tasks › Publish (New CRL).',
  command: 'certutil -CRL',
};

/** The CA's CRLs as a client finds them now: expired (nobody published in time), or never published. */
const crlFreshness = (world: World, authority: CertificationAuthority): Finding[] => {
  const status = crlStatus(world, authority);
  const subject = `ca:${authority.name}`;
  const keys = [subject, `crl:${authority.name}`];
  if (status.state === 'never-published') {
    return [
      finding(world, {
        rule: 'OP-CRL-NOT-PUBLISHED',
        family: 'operational',
        severity: 'high',
        subject,
        keys,
        fix: publishNow,
        message:
          `${authority.name} has never published a CRL: a client that checks revocation (ConfigMgr clients, IIS for client ` +
          `certificates) finds nothing at the CDP and fails with ${offline}.`,
      }),
    ];
  }
  if (status.state === 'current') return [];
  const stopped = world.ca.stopped[authority.name];
  const why = stopped
    ? `the CA service on ${authority.host} has been stopped since ${stopped}, so nothing publishes`
    : 'nothing published a newer one';
  const lapsed = status.expired.map((crl) => `the ${crl.kind} CRL #${crl.crlNumber} (next update ${crl.nextUpdate})`).join(' and ');
  const start = {
    procedure: `Start Active Directory Certificate Services on ${authority.host}; it publishes new CRLs as it starts.`,
    command: 'net start certsvc',
  };
  return [
    finding(world, {
      rule: 'OP-CRL-EXPIRED',
      family: 'operational',
      severity: 'high',
      subject,
      keys,
      fix: stopped ? start : publishNow,
      message:
        `${authority.name}'s revocation information has expired: ${lapsed}; ${why}. Every client that checks revocation now fails ` +
        `with ${offline}; openssl reports "CRL has expired".`,
    }),
  ];
};

/** CDP URLs in the CA's certificates where no CRL is ever published (another host, another path). */
const unreachableCdps = (world: World, authority: CertificationAuthority): Finding[] => {
  const place = caPlace(world, authority);
  const urls = crlSettingsOf(authority).cdp.map((url) => expandUrl(url, place));
  const missing = urls.filter((url) => !reachesPublishedCrl(url, place));
  if (missing.length === 0 || !Object.values(world.ca.issued).some((c) => c.ca === authority.name)) return [];
  const none = missing.length === urls.length;
  const subject = `ca:${authority.name}`;
  const consequence = none
    ? `No CDP leads to a CRL: clients that check revocation fail with ${offline}.`
    : 'Clients try it first and wait for it to time out.';
  return [
    finding(world, {
      rule: 'OP-CRL-NOT-PUBLISHED',
      family: 'operational',
      severity: none ? 'high' : 'medium',
      subject,
      keys: [subject],
      message:
        `${authority.name}'s certificates name ${missing.join(', ')} as CRL distribution point${missing.length > 1 ? 's' : ''}, ` +
        `where the CA never publishes (it writes ${place.caName}.crl to CertEnroll on ${place.serverDnsName} and to LDAP). ${consequence}`,
      fix: {
        procedure: "Correct the CDP on the CA's Extensions tab (or copy each new CRL to that location), then renew the certificates.",
        command: 'certutil -getreg CA\\CRLPublicationURLs',
      },
    }),
  ];
};

/** The IIS sites whose https binding presents the certificate. */
const sitesPresenting = (world: World, thumbprint: Thumbprint) =>
  Object.entries(world.hosts.iis).flatMap(([host, sites]) =>
    Object.values(sites)
      .filter((site) => site.bindings.some((b) => b.thumbprint === thumbprint))
      .map((site) => ({ host, site: site.name })),
  );

const listedNow = (world: World, issued: IssuedCertificate): boolean => {
  const status = crlStatus(world, world.ca.authorities[issued.ca]!);
  if (status.state === 'never-published') return false;
  return [status.base, status.delta].some((crl) => crl?.entries.some((e) => e.serialNumber === issued.serialNumber));
};

/** An IIS https binding that presents a certificate its CA has revoked. */
const revokedBinding = (world: World, revocation: Revocation): Finding[] => {
  const issued = world.ca.issued[revocation.serialNumber];
  const sites = issued ? sitesPresenting(world, issued.thumbprint) : [];
  if (!issued || sites.length === 0) return [];
  const when = listedNow(world, issued)
    ? `The current CRL lists it: clients that check revocation refuse the connection (${revokedError}).`
    : `Once the next CRL lists it, clients that check revocation refuse the connection (${revokedError}).`;
  return [
    finding(world, {
      rule: 'OP-REVOKED-BOUND',
      family: 'operational',
      severity: 'high',
      subject: `certificate:${issued.thumbprint}`,
      keys: [`certificate:${issued.thumbprint}`, `revocation:${issued.serialNumber}`, ...sites.map((s) => `iis:${s.host}/${s.site}`)],
      message:
        `${sites.map((s) => `${s.host} "${s.site}"`).join(', ')} still present${sites.length > 1 ? '' : 's'} ${issued.thumbprint}, ` +
        `which ${issued.ca} revoked (${revocation.reason}, ${revocation.revokedAt}). ${when}`,
      fix: {
        procedure: 'Request a new certificate for the site and bind it (IIS Manager › Bindings › https › Edit).',
        command: `certreq -enroll -machine -q ${issued.template}`,
      },
    }),
  ];
};

/** Revocation checks: CRLs expired or never published, CDPs nothing publishes to, revoked certificates still bound. */
export const crlRules: Rule = (world) => [
  ...Object.values(world.ca.authorities)
    .filter((a) => a.crl)
    .flatMap((a) => {
      const freshness = crlFreshness(world, a);
      return freshness.some((f) => f.rule === 'OP-CRL-NOT-PUBLISHED') ? freshness : [...freshness, ...unreachableCdps(world, a)];
    }),
  ...Object.values(world.ca.revocations).flatMap((r) => revokedBinding(world, r)),
];
