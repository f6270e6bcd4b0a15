import { createHash } from 'node:crypto';
import type { CertificateProfile, ExtensionSpec } from '../../domain/index.ts';
import { oid } from '../../domain/index.ts';
import { signerError } from '../../workflows/index.ts';
import { concat, oidBytes, sidSecurityValue, tlv } from './der.ts';

/** sha1WithRSAEncryption and sha256WithRSAEncryption, with their NULL parameters, as AD CS writes them. */
const signatureAlgorithms = {
  sha1: tlv(0x30, concat(tlv(0x06, oidBytes('1.2.840.113549.1.1.5')), tlv(0x05, []))),
  sha256: tlv(0x30, concat(tlv(0x06, oidBytes('1.2.840.113549.1.1.11')), tlv(0x05, []))),
} as const;
const signatureAlgorithm = (hash: CertificateProfile['signatureHash']): Uint8Array => signatureAlgorithms[hash];

const version3 = tlv(0xa0, tlv(0x02, [2]));

/** A positive INTEGER from hex: leading zero octets dropped, one 00 added when the first octet has its top bit set. */
const serialInteger = (hex: string): Uint8Array => {
  const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  let first = 0;
  while (first < bytes.length - 1 && bytes[first] === 0) first += 1;
  const body = bytes.subarray(first);
  if (body.every((b) => b === 0))
    throw signerError('SIGNER_INVALID_PROFILE', `A certificate serial number must not be zero; found "${hex}".`);
  return tlv(0x02, body[0]! > 0x7f ? concat(Uint8Array.of(0), body) : body);
};

const two = (n: number) => String(n).padStart(2, '0');
/** UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5), whole seconds. */
const time = (iso: string): Uint8Array => {
  const d = new Date(iso);
  const rest = [d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map(two).join('') + 'Z';
  const year = d.getUTCFullYear();
  return year > 2049 ? tlv(0x18, Buffer.from(`${year}${rest}`, 'latin1')) : tlv(0x17, Buffer.from(`${two(year % 100)}${rest}`, 'latin1'));
};

/** The key identifier of a SubjectPublicKeyInfo: SHA-1 of its subjectPublicKey bits (RFC 5280 4.2.1.2, method 1). */
const keyIdentifier = (spki: Uint8Array): Uint8Array => {
  const lengthOf = (at: number): [number, number] => {
    const first = spki[at]!;
    if (first < 0x80) return [first, at + 1];
    let length = 0;
    for (let i = 1; i <= (first & 0x7f); i += 1) length = length * 256 + spki[at + i]!;
    return [length, at + 1 + (first & 0x7f)];
  };
  const [, body] = lengthOf(1); // outer SEQUENCE
  const [algorithmLength, algorithmBody] = lengthOf(body + 1);
  const bitString = algorithmBody + algorithmLength;
  const [bitsLength, bitsBody] = lengthOf(bitString + 1);
  return createHash('sha1')
    .update(spki.subarray(bitsBody + 1, bitsBody + bitsLength))
    .digest();
};

const extension = (id: string, critical: boolean, value: Uint8Array) =>
  tlv(0x30, concat(tlv(0x06, oidBytes(id)), critical ? tlv(0x01, [0xff]) : new Uint8Array(0), tlv(0x04, value)));

/** The extensions whose value differs in every certificate, encoded here; the others come from `shared`. */
export const perCertificate = (spec: ExtensionSpec, subjectKey: Uint8Array): Uint8Array | undefined => {
  switch (spec.kind) {
    case 'subjectKeyIdentifier':
      return extension('2.5.29.14', false, tlv(0x04, keyIdentifier(subjectKey)));
    case 'subjectAltName': {
      const upn = (value: string) => tlv(0xa0, concat(tlv(0x06, oidBytes(oid.upn)), tlv(0xa0, tlv(0x0c, Buffer.from(value, 'utf8')))));
      const names = [...spec.dnsNames.map((value) => tlv(0x82, Buffer.from(value, 'latin1'))), ...spec.upns.map(upn)];
      // dNSName is an IA5String: names outside ASCII are left to the library's encoder.
      if (!spec.dnsNames.every((n) => /^[\x20-\x7e]*$/.test(n))) return undefined;
      return extension('2.5.29.17', spec.critical, tlv(0x30, concat(...names)));
    }
    case 'sidSecurity':
      return extension('1.3.6.1.4.1.311.25.2', false, sidSecurityValue(spec.sid));
    default:
      return undefined;
  }
};

/** TBSCertificate from its encoded parts (RFC 5280 4.1): version 3, serial, algorithm, names, validity, key, extensions. */
interface EncodedParts {
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly extensions: readonly Uint8Array[];
}

export const tbsCertificate = (profile: CertificateProfile, parts: EncodedParts): Uint8Array =>
  tlv(
    0x30,
    concat(
      version3,
      serialInteger(profile.serialNumber),
      signatureAlgorithm(profile.signatureHash),
      parts.issuer,
      tlv(0x30, concat(time(profile.notBefore), time(profile.notAfter))),
      parts.subject,
      parts.publicKey,
      tlv(0xa3, tlv(0x30, concat(...parts.extensions))),
    ),
  );

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }. */
export const certificate = (tbs: Uint8Array, hash: CertificateProfile['signatureHash'], signature: Uint8Array): Uint8Array =>
  tlv(0x30, concat(tbs, signatureAlgorithm(hash), tlv(0x03, concat(Uint8Array.of(0), signature))));
