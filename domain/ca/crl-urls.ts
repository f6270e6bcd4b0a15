import { defaultCrlSettings, type CrlSettings } from './crl-settings.ts';
import type { CaView } from './decision.ts';
import type { CertificationAuthority } from './model.ts';

/**
 * The variables the Extensions tab of a CA offers in CDP and AIA URLs (`certutil -getreg CA\CRLPublicationURLs`
 * shows them as %1…%11). Values below are those of the CA's first certificate and key (no renewal suffix).
 */
export const urlVariables = [
  'ServerDNSName',
  'ServerShortName',
  'CaName',
  'CATruncatedName',
  'CRLNameSuffix',
  'DeltaCRLAllowed',
  'ConfigurationContainer',
  'CDPObjectClass',
  'CAObjectClass',
  'CertificateName',
] as const;
type UrlVariable = (typeof urlVariables)[number];

/** Every `<Variable>` of a URL that AD CS would not know, for scenario validation. */
export const unknownUrlVariables = (url: string): string[] =>
  [...url.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!).filter((name) => !(urlVariables as readonly string[]).includes(name));

/** Where a CA lives, as its URLs need it. */
interface CaPlace {
  readonly caName: string;
  readonly serverDnsName: string;
  readonly serverShortName: string;
  readonly configurationContainer: string;
}

export const caPlace = (world: CaView, authority: CertificationAuthority): CaPlace => ({
  caName: authority.name,
  serverDnsName: world.hosts.hosts[authority.host]?.fqdn ?? authority.host,
  serverShortName: authority.host,
  configurationContainer: `CN=Configuration,${world.directory.domain.dnsName
    .split('.')
    .map((label) => `DC=${label}`)
    .join(',')}`,
});

/** The CA's CRL settings; a CA recorded before they existed behaves as one set up with the defaults. */
export const crlSettingsOf = (authority: CertificationAuthority): CrlSettings => authority.crl ?? defaultCrlSettings;

/** A URL with its variables replaced; `delta` picks the delta CRL's name (`+`) and LDAP attribute. */
export const expandUrl = (url: string, place: CaPlace, delta = false): string => {
  const values: Record<UrlVariable, string> = {
    ServerDNSName: place.serverDnsName,
    ServerShortName: place.serverShortName,
    CaName: place.caName,
    // The CA name cut to fit a directory object's CN; the lab's CA names are short enough to stay whole.
    CATruncatedName: place.caName,
    CRLNameSuffix: '',
    DeltaCRLAllowed: delta ? '+' : '',
    ConfigurationContainer: place.configurationContainer,
    CDPObjectClass: `?${delta ? 'deltaRevocationList' : 'certificateRevocationList'}?base?objectClass=cRLDistributionPoint`,
    CAObjectClass: '?cACertificate?base?objectClass=certificationAuthority',
    CertificateName: '',
  };
  return url.replace(/<([^<>]*)>/g, (whole, name: string) => values[name as UrlVariable] ?? whole);
};

/** The CDP and AIA URLs the CA writes into the certificates it issues. */
export const publicationPoints = (world: CaView, authority: CertificationAuthority) => {
  const place = caPlace(world, authority);
  const settings = crlSettingsOf(authority);
  return { cdp: settings.cdp.map((url) => expandUrl(url, place)), aia: settings.aia.map((url) => expandUrl(url, place)) };
};

/** The names AD CS gives its files in CertEnroll (`contoso-CA1-CA.crl`, `…+.crl`, `<host>_<CA>.crt`). */
export const certEnrollNames = (place: CaPlace) => ({
  baseCrl: `${place.caName}.crl`,
  deltaCrl: `${place.caName}+.crl`,
  caCertificate: `${place.serverDnsName}_${place.caName}.crt`,
});

/**
 * Whether a CDP URL reaches a CRL the CA publishes: LDAP (the CA writes its CDP object), or HTTP/file on the
 * CA server's CertEnroll folder (IIS serves it as /CertEnroll) under the CA's own CRL name. A URL anywhere
 * else gets a CRL only if someone copies it there, which nothing in the lab does.
 */
export const reachesPublishedCrl = (url: string, place: CaPlace): boolean => {
  if (url.toLowerCase().startsWith('ldap:')) return true;
  const match = /^(?:https?|file):\/\/([^/]+)\/CertEnroll\/([^/?#]+)$/i.exec(url);
  if (!match) return false;
  const host = match[1]!.toLowerCase();
  const names = certEnrollNames(place);
  const onCaServer = host === place.serverDnsName.toLowerCase() || host === place.serverShortName.toLowerCase();
  return onCaServer && [names.baseCrl, names.deltaCrl].some((name) => name.toLowerCase() === match[2]!.toLowerCase());
};
