import { crlStatus } from '../ca/crl-status.ts';
import { caPlace, crlSettingsOf, expandUrl, reachesPublishedCrl } from '../ca/crl-urls.ts';
import type { CertificationAuthority } from '../ca/model.ts';
import type { World } from '../lab/world.ts';
import { finding, type Finding, type Rule } from './model.ts';

const offline = 'CRYPT_E_REVOCATION_OFFLINE (0x80092013)';

/** The CA's CRLs as a client finds them now: expired (nobody published in time), or never published. */
const crlFreshness = (world: World, authority: CertificationAuthority): Finding[] => {
  const status = crlStatus(world, authority);
  const subject = `ca:${authority.name}`;
  const stopped = world.ca.stopped[authority.name];
  const why = stopped ? `the CA service on ${authority.host} has been stopped since ${stopped}, so nothing publishes` : 'nothing published a newer one';
  if (status.state === 'never-published') {
    return [finding(world, { rule: 'OP-CRL-NOT-PUBLISHED', family: 'operational', severity: 'high', subject, keys: [subject, `crl:${authority.name}`],
      message: `${authority.name} has never published a CRL: a client that checks revocation (ConfigMgr clients, IIS for client certificates) `
        + `finds nothing at the CDP and fails with ${offline}.`,
      fix: { procedure: 'Certification Authority console › Revoked Certificates › All Tasks › Publish (New CRL).', command: 'certutil -CRL' } })];
  }
  if (status.state === 'current') return [];
  const lapsed = status.expired.map((crl) => `the ${crl.kind} CRL #${crl.crlNumber} (next update ${crl.nextUpdate})`).join(' and ');
  return [finding(world, { rule: 'OP-CRL-EXPIRED', family: 'operational', severity: 'high', subject, keys: [subject, `crl:${authority.name}`],
    message: `${authority.name}'s revocation information has expired: ${lapsed}; ${why}. Every client that checks revocation now fails `
      + `with ${offline}; openssl reports "CRL has expired".`,
    fix: stopped
      ? { procedure: `Start Active Directory Certificate Services on ${authority.host}; it publishes new CRLs as it starts.`, command: 'net start certsvc' }
      : { procedure: 'Publish a new CRL (Revoked Certificates › All Tasks › Publish).', command: 'certutil -CRL' } })];
};

/** CDP URLs in the CA's certificates where no CRL is ever published (another host, another path). */
const unreachableCdps = (world: World, authority: CertificationAuthority): Finding[] => {
  const place = caPlace(world, authority);
  const urls = crlSettingsOf(authority).cdp.map((url) => expandUrl(url, place));
  const missing = urls.filter((url) => !reachesPublishedCrl(url, place));
  if (missing.length === 0 || !Object.values(world.ca.issued).some((c) => c.ca === authority.name)) return [];
  const none = missing.length === urls.length;
  const subject = `ca:${authority.name}`;
  return [finding(world, { rule: 'OP-CRL-NOT-PUBLISHED', family: 'operational', severity: none ? 'high' : 'medium', subject, keys: [subject],
    message: `${authority.name}'s certificates name ${missing.join(', ')} as CRL distribution point${missing.length > 1 ? 's' : ''}, where the CA never `
      + `publishes (it writes ${place.caName}.crl to CertEnroll on ${place.serverDnsName} and to LDAP). `
      + (none ? `No CDP leads to a CRL: clients that check revocation fail with ${offline}.` : 'Clients try it first and wait for it to time out.'),
    fix: { procedure: 'Correct the CDP on the CA\'s Extensions tab (or copy each new CRL to that location), then renew the certificates.',
      command: 'certutil -getreg CA\\CRLPublicationURLs' } })];
};

/** An IIS https binding that presents a certificate its CA has revoked. */
const revokedBindings = (world: World): Finding[] =>
  Object.values(world.ca.revocations).flatMap((revocation) => {
    const issued = world.ca.issued[revocation.serialNumber];
    if (!issued) return [];
    const sites = Object.entries(world.hosts.iis).flatMap(([host, sitesOfHost]) =>
      Object.values(sitesOfHost).filter((site) => site.bindings.some((b) => b.thumbprint === issued.thumbprint)).map((site) => ({ host, site: site.name })));
    if (sites.length === 0) return [];
    const listed = crlStatus(world, world.ca.authorities[issued.ca]!);
    const published = listed.state !== 'never-published' && [listed.base, listed.delta].some((crl) => crl?.entries.some((e) => e.serialNumber === issued.serialNumber));
    return [finding(world, { rule: 'OP-REVOKED-BOUND', family: 'operational', severity: 'high', subject: `certificate:${issued.thumbprint}`,
      keys: [`certificate:${issued.thumbprint}`, `revocation:${issued.serialNumber}`, ...sites.map((s) => `iis:${s.host}/${s.site}`)],
      message: `${sites.map((s) => `${s.host} "${s.site}"`).join(', ')} still present${sites.length > 1 ? '' : 's'} ${issued.thumbprint}, which ${issued.ca} revoked `
        + `(${revocation.reason}, ${revocation.revokedAt}). ${published ? 'The current CRL lists it: clients that check revocation refuse the connection '
          + '(CRYPT_E_REVOKED 0x80092010).' : 'Once the next CRL lists it, clients that check revocation refuse the connection (CRYPT_E_REVOKED 0x80092010).'}`,
      fix: { procedure: 'Request a new certificate for the site and bind it (IIS Manager › Bindings › https › Edit).',
        command: `certreq -enroll -machine -q ${issued.template}` } })];
  });

/** Revocation checks: CRLs expired or never published, CDPs nothing publishes to, revoked certificates still bound. */
export const crlRules: Rule = (world) => [
  ...Object.values(world.ca.authorities).filter((a) => a.crl).flatMap((a) => {
    const freshness = crlFreshness(world, a);
    return freshness.some((f) => f.rule === 'OP-CRL-NOT-PUBLISHED') ? freshness : [...freshness, ...unreachableCdps(world, a)];
  }),
  ...revokedBindings(world),
];
