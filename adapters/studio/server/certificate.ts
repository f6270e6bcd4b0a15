import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { IssuedCertificate } from '../../../domain/index.ts';
import type { CertificateAnswer } from '../api.ts';

/** Names of the extensions AD CS writes, by OID (the rest are shown by OID). */
const extensionNames: Record<string, string> = {
  '2.5.29.14': 'Subject Key Identifier',
  '2.5.29.15': 'Key Usage',
  '2.5.29.17': 'Subject Alternative Name',
  '2.5.29.19': 'Basic Constraints',
  '2.5.29.31': 'CRL Distribution Points',
  '2.5.29.32': 'Certificate Policies',
  '2.5.29.35': 'Authority Key Identifier',
  '2.5.29.37': 'Enhanced Key Usage',
  '1.3.6.1.5.5.7.1.1': 'Authority Information Access',
  '1.3.6.1.4.1.311.21.7': 'Certificate Template Information',
  '1.3.6.1.4.1.311.20.2': 'Certificate Template Name',
  '1.3.6.1.4.1.311.21.10': 'Application Policies',
  '1.3.6.1.4.1.311.25.2': 'SID (szOID_NTDS_CA_SECURITY_EXT)',
  '1.2.840.113549.1.9.15': 'SMIME Capabilities',
};

const hex = (buffer: ArrayBuffer) =>
  Buffer.from(buffer)
    .toString('hex')
    .replace(/(..)(?=.)/g, '$1 ');

/** An extension in words where @peculiar/x509 decodes it, else its value's bytes in hex. */
const extensionText = (e: x509.Extension): string => {
  if (e instanceof x509.SubjectAlternativeNameExtension) return e.names.items.map((n) => `${n.type}: ${n.value}`).join(', ');
  if (e instanceof x509.ExtendedKeyUsageExtension) return e.usages.map(String).join(', ');
  if (e instanceof x509.KeyUsagesExtension)
    return Object.entries(x509.KeyUsageFlags)
      .filter(([, bit]) => typeof bit === 'number' && (bit as number) > 0 && (e.usages & bit) === bit)
      .map(([name]) => name)
      .join(', ');
  if (e instanceof x509.BasicConstraintsExtension) return `CA: ${e.ca}${e.pathLength === undefined ? '' : `, path length ${e.pathLength}`}`;
  if (e instanceof x509.SubjectKeyIdentifierExtension) return e.keyId;
  if (e instanceof x509.AuthorityKeyIdentifierExtension) return e.keyId ?? hex(e.value);
  if (e instanceof x509.CRLDistributionPointsExtension)
    return e.distributionPoints
      .flatMap((p) =>
        (p.distributionPoint?.fullName ?? []).flatMap((n) => (n.uniformResourceIdentifier ? [`URL=${n.uniformResourceIdentifier}`] : [])),
      )
      .join(', ');
  if (e instanceof x509.AuthorityInfoAccessExtension)
    return [...e.caIssuers.map((n) => `CA Issuers: URL=${n.value}`), ...e.ocsp.map((n) => `OCSP: URL=${n.value}`)].join(', ');
  return hex(e.value);
};

/** The certificate as the Windows certificate dialog details it, read from its DER; the key never enters it. */
export const certificateAnswer = (c: IssuedCertificate): CertificateAnswer => {
  const cert = new x509.X509Certificate(Buffer.from(c.der, 'base64'));
  const algorithm = cert.signatureAlgorithm as { name?: string; hash?: { name?: string } };
  return {
    thumbprint: c.thumbprint,
    serial: cert.serialNumber,
    subject: cert.subject,
    issuer: cert.issuer,
    sans: [...c.dnsNames.map((d) => `DNS:${d}`), ...c.upns.map((u) => `UPN:${u}`)],
    ekus: [...c.ekus],
    extensions: cert.extensions.map((e) => ({
      oid: e.type,
      name: extensionNames[e.type] ?? e.type,
      critical: e.critical,
      text: extensionText(e),
    })),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    signatureAlgorithm: [algorithm.hash?.name, algorithm.name].filter(Boolean).join(' with '),
    pem: cert.toString('pem'),
  };
};
