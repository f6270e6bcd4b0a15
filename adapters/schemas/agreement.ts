import { formatDn, type CertificationAuthority, type IssuedCertificate, type Rdn } from '../../domain/index.ts';
import type { CertificateFacts } from './certificate.ts';

type Pairs = CertificateFacts['subject'];

const dnOf = (pairs: Pairs): string => formatDn(pairs as readonly Rdn[]);
const list = (values: readonly string[]): string => (values.length === 0 ? '[]' : JSON.stringify(values));
const time = (seconds: number): string => new Date(seconds * 1000).toISOString();
const secondsOf = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
const serial = (hex: string): string => hex.toLowerCase().replace(/^0+(?=.)/, '');

/** One field the event states and its DER contradicts: `expected` is what the DER says. */
export interface Disagreement {
  readonly field: string;
  readonly expected: string;
  readonly found: string;
}

const compare = (out: Disagreement[], field: string, der: string, stated: string): void => {
  if (der !== stated) out.push({ field, expected: der, found: stated });
};
/** Times to the second: DER holds no fractions of a second. */
const compareTime = (out: Disagreement[], field: string, der: number, stated: string): void => {
  if (der !== secondsOf(stated)) out.push({ field, expected: time(der), found: stated });
};

/** The template marker: a version 1 template's name, or a later template's OID. */
const templateDisagreements = (
  out: Disagreement[],
  stated: IssuedCertificate,
  der: CertificateFacts['template'],
  knownOid?: string,
): void => {
  const [template, version] = ['data.certificate.template', 'data.certificate.templateSchemaVersion'];
  if (!der) {
    out.push({ field: template, expected: 'no template marker', found: JSON.stringify(stated.template) });
  } else if ('name' in der) {
    compare(out, template, JSON.stringify(der.name), JSON.stringify(stated.template));
    const found = String(stated.templateSchemaVersion);
    if (found !== '1') out.push({ field: version, expected: '1 (a version 1 template name)', found });
  } else {
    if (stated.templateSchemaVersion === 1)
      out.push({ field: version, expected: '2 or later (template information, not a name)', found: '1' });
    const found = `"${stated.template}" (OID ${knownOid})`;
    if (knownOid && der.oid !== knownOid) out.push({ field: template, expected: `the template with OID ${der.oid}`, found });
  }
};

/** What an issued certificate's event states that its DER contradicts (empty when they agree). */
export const issuedDisagreements = (
  stated: IssuedCertificate,
  der: CertificateFacts,
  known: { readonly caSubject?: Pairs; readonly templateOid?: string },
): Disagreement[] => {
  const out: Disagreement[] = [];
  const at = 'data.certificate';
  compare(out, `${at}.thumbprint`, der.thumbprint, stated.thumbprint);
  compare(out, `${at}.serialNumber`, der.serialNumber, serial(stated.serialNumber));
  compare(out, `${at}.subject`, JSON.stringify(dnOf(der.subject)), JSON.stringify(stated.subject));
  compare(out, `${at}.dnsNames`, list(der.dnsNames), list(stated.dnsNames));
  compare(out, `${at}.upns`, list(der.upns), list(stated.upns));
  compare(out, `${at}.ekus`, list(der.ekus), list(stated.ekus));
  compare(out, `${at}.applicationPolicies`, list(der.applicationPolicies), list(stated.applicationPolicies));
  compareTime(out, `${at}.notBefore`, der.notBefore, stated.notBefore);
  compareTime(out, `${at}.notAfter`, der.notAfter, stated.notAfter);
  if (der.keySize !== undefined) compare(out, `${at}.keySize`, String(der.keySize), String(stated.keySize));
  if (known.caSubject && dnOf(known.caSubject) !== dnOf(der.issuer)) {
    const found = `"${stated.ca}", whose subject is ${dnOf(known.caSubject)}`;
    out.push({ field: `${at}.ca`, expected: `the CA ${dnOf(der.issuer)} (the DER's issuer)`, found });
  }
  templateDisagreements(out, stated, der.template, known.templateOid);
  return out;
};

/** What a CA's event states about its own certificate that the DER contradicts; a root CA's certificate is self-issued. */
export const authorityDisagreements = (stated: CertificationAuthority, der: CertificateFacts): Disagreement[] => {
  const out: Disagreement[] = [];
  const at = 'data.authority';
  compare(out, `${at}.thumbprint`, der.thumbprint, stated.thumbprint);
  compare(out, `${at}.subject`, JSON.stringify(dnOf(der.subject)), JSON.stringify(formatDn(stated.subject)));
  compareTime(out, `${at}.notBefore`, der.notBefore, stated.notBefore);
  compareTime(out, `${at}.notAfter`, der.notAfter, stated.notAfter);
  if (dnOf(der.issuer) !== dnOf(der.subject)) {
    out.push({ field: `${at}.certificate`, expected: 'a self-issued root CA certificate', found: `one issued by ${dnOf(der.issuer)}` });
  }
  return out;
};
