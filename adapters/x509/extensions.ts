import 'reflect-metadata';
import { AsnConvert } from '@peculiar/asn1-schema';
import { DirectoryString, PolicyInformation } from '@peculiar/asn1-x509';
import { CertificateApplicationPolicies, CertificateTemplate } from '@peculiar/asn1-x509-microsoft';
import * as x509 from '@peculiar/x509';
import { match } from 'ts-pattern';
import { oid, type ExtensionSpec } from '../../domain/index.ts';
import { caVersionValue, sidSecurityValue } from './der.ts';

const keyUsageFlags = {
  digitalSignature: x509.KeyUsageFlags.digitalSignature,
  keyEncipherment: x509.KeyUsageFlags.keyEncipherment,
  keyCertSign: x509.KeyUsageFlags.keyCertSign,
  cRLSign: x509.KeyUsageFlags.cRLSign,
} as const;

const raw = (type: string, value: ArrayBuffer | Uint8Array, critical = false) => new x509.Extension(type, critical, value as BufferSource);

/** Encodes one extension of a profile; `subjectKey` and `issuerKey` are the certified and signing public keys. */
export const encodeExtension = async (
  spec: ExtensionSpec,
  subjectKey: x509.PublicKey,
  issuerKey: x509.PublicKey,
): Promise<x509.Extension> =>
  match(spec)
    .with(
      { kind: 'keyUsage' },
      (s) =>
        new x509.KeyUsagesExtension(
          s.usages.reduce((flags, u) => flags | keyUsageFlags[u], 0),
          s.critical,
        ),
    )
    .with({ kind: 'extendedKeyUsage' }, (s) => new x509.ExtendedKeyUsageExtension([...s.oids], false))
    .with(
      { kind: 'subjectAltName' },
      (s) =>
        new x509.SubjectAlternativeNameExtension(
          [...s.dnsNames.map((value) => ({ type: 'dns' as const, value })), ...s.upns.map((value) => ({ type: 'upn' as const, value }))],
          s.critical,
        ),
    )
    .with({ kind: 'basicConstraints' }, (s) => new x509.BasicConstraintsExtension(s.ca, undefined, s.critical))
    .with({ kind: 'subjectKeyIdentifier' }, () => x509.SubjectKeyIdentifierExtension.create(subjectKey))
    .with({ kind: 'authorityKeyIdentifier' }, () => x509.AuthorityKeyIdentifierExtension.create(issuerKey))
    .with({ kind: 'templateInformation' }, (s) =>
      raw(
        oid.templateInformation,
        AsnConvert.serialize(
          new CertificateTemplate({ templateID: s.templateOid, templateMajorVersion: s.major, templateMinorVersion: s.minor }),
        ),
      ),
    )
    .with({ kind: 'templateName' }, (s) => raw(oid.templateName, AsnConvert.serialize(new DirectoryString({ bmpString: s.name }))))
    .with({ kind: 'applicationPolicies' }, (s) =>
      raw(
        oid.applicationPolicies,
        AsnConvert.serialize(
          new CertificateApplicationPolicies(s.oids.map((policyIdentifier) => new PolicyInformation({ policyIdentifier }))),
        ),
      ),
    )
    .with({ kind: 'caVersion' }, (s) => raw(oid.caVersion, caVersionValue(s.value)))
    .with({ kind: 'crlDistributionPoints' }, (s) => new x509.CRLDistributionPointsExtension([...s.urls]))
    .with({ kind: 'authorityInformationAccess' }, (s) => new x509.AuthorityInfoAccessExtension({ caIssuers: [...s.caIssuers] }))
    .with({ kind: 'sidSecurity' }, (s) => raw('1.3.6.1.4.1.311.25.2', sidSecurityValue(s.sid)))
    .exhaustive();
