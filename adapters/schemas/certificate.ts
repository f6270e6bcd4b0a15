import { createHash } from 'node:crypto';
import { oid } from '../../domain/index.ts';

/**
 * What a certificate's DER says about the fields a log states next to it, read by a small DER walk. On a
 * loaded two-CPU machine, node:crypto's X509Certificate took ~250 µs per certificate (OpenSSL 3 decodes the
 * key through its providers) and @peculiar/x509 ~1 ms; this walk, base64 and SHA-1 included, 40-80 µs.
 */
export interface CertificateFacts {
  /** SHA-1 of the DER, uppercase hex, as the signer and the Certificates snap-in show it. */
  readonly thumbprint: string;
  /** Lowercase hex, no leading zeros. */
  readonly serialNumber: string;
  /** Attribute/value pairs in DER order (DC=com first), attributes as short names (CN, DC) or dotted OIDs. */
  readonly issuer: readonly (readonly [string, string])[];
  readonly subject: readonly (readonly [string, string])[];
  /** Seconds since the epoch. */
  readonly notBefore: number;
  readonly notAfter: number;
  readonly dnsNames: readonly string[];
  readonly upns: readonly string[];
  readonly ekus: readonly string[];
  readonly applicationPolicies: readonly string[];
  /** The Microsoft template extension: the name (v1 templates) or the OID and version (v2 and later). */
  readonly template?: { readonly name: string } | { readonly oid: string; readonly major: number; readonly minor: number };
  /** RSA modulus length in bits, when the key is RSA. */
  readonly keySize?: number;
}

export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

export class DerProblem extends Error {}

export const tlvAt = (b: Buffer, at: number, limit: number): Tlv => {
  if (at + 2 > limit) throw new DerProblem(`truncated at byte ${at}`);
  let length = b[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || start + bytes > limit) throw new DerProblem(`bad length at byte ${at}`);
    length = 0;
    for (let i = 0; i < bytes; i += 1) length = length * 256 + b[start++]!;
  }
  if (start + length > limit) throw new DerProblem(`length at byte ${at} runs past its container`);
  return { tag: b[at]!, start, end: start + length };
};

export const children = (b: Buffer, parent: Tlv): Tlv[] => {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; at = out[out.length - 1]!.end) out.push(tlvAt(b, at, parent.end));
  return out;
};

export const expect = (node: Tlv | undefined, tag: number, what: string): Tlv => {
  if (!node || node.tag !== tag) {
    throw new DerProblem(`expected ${what} (tag 0x${tag.toString(16)}), found ${node ? `tag 0x${node.tag.toString(16)}` : 'nothing'}`);
  }
  return node;
};

export const oidOf = (b: Buffer, node: Tlv): string => {
  expect(node, 0x06, 'an OID');
  let dotted = '';
  let value = 0;
  for (let i = node.start; i < node.end; i += 1) {
    value = value * 128 + (b[i]! & 0x7f);
    if (b[i]! & 0x80) continue;
    dotted += dotted ? `.${value}` : value < 80 ? `${Math.floor(value / 40)}.${value % 40}` : `2.${value - 80}`;
    value = 0;
  }
  return dotted;
};

const text = (b: Buffer, node: Tlv): string => {
  if (node.tag === 0x0c) return b.toString('utf8', node.start, node.end);
  if (node.tag === 0x1e) return Buffer.from(b.subarray(node.start, node.end)).swap16().toString('utf16le');
  return b.toString('latin1', node.start, node.end);
};

export const intOf = (b: Buffer, node: Tlv): number => {
  let value = 0;
  for (let i = expect(node, 0x02, 'an INTEGER').start; i < node.end; i += 1) value = value * 256 + b[i]!;
  return value;
};

const shortNames: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
};

export const nameOf = (b: Buffer, node: Tlv): [string, string][] =>
  children(b, expect(node, 0x30, 'a Name')).flatMap((set) =>
    children(b, expect(set, 0x31, 'an RDN set')).map((pair): [string, string] => {
      const [type, value] = children(b, expect(pair, 0x30, 'an attribute'));
      const dotted = oidOf(b, type!);
      return [shortNames[dotted] ?? dotted, text(b, value!)];
    }),
  );

export const timeOf = (b: Buffer, node: Tlv): number => {
  const t = text(b, node);
  const digits = node.tag === 0x17 ? `${Number(t.slice(0, 2)) < 50 ? '20' : '19'}${t}` : t;
  if ((node.tag !== 0x17 && node.tag !== 0x18) || !/^\d{14}Z$/.test(digits)) {
    throw new DerProblem(`expected a UTCTime or GeneralizedTime, found ${JSON.stringify(t)}`);
  }
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((i, k) => Number(digits.slice(i, k === 0 ? 4 : i + 2)));
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) / 1000;
};

/** What the extensions add, filled in as they are read. */
interface FromExtensions {
  dnsNames: string[];
  upns: string[];
  ekus: string[];
  applicationPolicies: string[];
  template?: CertificateFacts['template'];
}

const readExtension = (b: Buffer, facts: FromExtensions, extension: Tlv): void => {
  const parts = children(b, expect(extension, 0x30, 'an Extension'));
  const id = oidOf(b, parts[0]!);
  const value = tlvAt(b, expect(parts[parts.length - 1], 0x04, 'an extension value').start, parts[parts.length - 1]!.end);
  if (id === '2.5.29.17') {
    for (const name of children(b, value)) {
      if (name.tag === 0x82) facts.dnsNames.push(text(b, name));
      if (name.tag !== 0xa0) continue;
      // otherName: the type's OID, then the value wrapped in an explicit [0].
      const type = tlvAt(b, name.start, name.end);
      const wrapper = tlvAt(b, type.end, name.end);
      if (oidOf(b, type) === oid.upn) facts.upns.push(text(b, tlvAt(b, wrapper.start, wrapper.end)));
    }
  } else if (id === '2.5.29.37') facts.ekus.push(...children(b, value).map((n) => oidOf(b, n)));
  else if (id === oid.applicationPolicies) facts.applicationPolicies.push(...children(b, value).map((p) => oidOf(b, children(b, p)[0]!)));
  else if (id === oid.templateName) facts.template = { name: text(b, value) };
  else if (id === oid.templateInformation) {
    const [templateOid, major, minor] = children(b, value);
    facts.template = { oid: oidOf(b, templateOid!), major: major ? intOf(b, major) : 0, minor: minor ? intOf(b, minor) : 0 };
  }
};

const rsaBits = (b: Buffer, spki: Tlv): number | undefined => {
  const [algorithm, key] = children(b, expect(spki, 0x30, 'a SubjectPublicKeyInfo'));
  if (oidOf(b, children(b, algorithm!)[0]!) !== '1.2.840.113549.1.1.1') return undefined;
  const bits = expect(key, 0x03, 'a BIT STRING');
  const modulus = children(b, tlvAt(b, bits.start + 1, bits.end))[0]!;
  let first = expect(modulus, 0x02, 'an RSA modulus').start;
  while (first < modulus.end - 1 && b[first] === 0) first += 1;
  return (modulus.end - first - 1) * 8 + (32 - Math.clz32(b[first]!));
};

const parse = (der: Buffer): CertificateFacts => {
  const top = expect(tlvAt(der, 0, der.length), 0x30, 'a Certificate');
  if (top.end !== der.length) throw new DerProblem(`${der.length - top.end} bytes follow the certificate`);
  const tbs = children(der, expect(children(der, top)[0], 0x30, 'a TBSCertificate'));
  const fields = tbs[0]?.tag === 0xa0 ? tbs.slice(1) : tbs;
  const [serial, , issuer, validity, subject, spki, ...rest] = fields;
  const serialHex = der.toString('hex', expect(serial, 0x02, 'a serial number').start, serial!.end).replace(/^0+(?=.)/, '');
  const [notBefore, notAfter] = children(der, expect(validity, 0x30, 'a Validity'));
  const found: FromExtensions = { dnsNames: [], upns: [], ekus: [], applicationPolicies: [] };
  const extensions = rest.find((n) => n.tag === 0xa3);
  if (extensions) for (const extension of children(der, tlvAt(der, extensions.start, extensions.end))) readExtension(der, found, extension);
  return {
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    serialNumber: serialHex,
    issuer: nameOf(der, issuer!),
    subject: nameOf(der, subject!),
    notBefore: timeOf(der, notBefore!),
    notAfter: timeOf(der, notAfter!),
    keySize: rsaBits(der, spki!),
    ...found,
  };
};

/** A bounded memo: reopening a log (or a re-read after another process appended) does not walk the same DER again. */
const memo = new Map<string, CertificateFacts | string>();
const memoLimit = 20_000;

/** The facts of a base64 DER certificate, or why it is not one (never throws). */
export const readCertificate = (base64: string): CertificateFacts | { readonly problem: string } => {
  let known = memo.get(base64);
  if (known === undefined) {
    try {
      known = parse(Buffer.from(base64, 'base64'));
    } catch (error) {
      known = `not a DER certificate: ${error instanceof DerProblem ? error.message : String(error)}`;
    }
    if (memo.size >= memoLimit) memo.delete(memo.keys().next().value!);
    memo.set(base64, known);
  }
  return typeof known === 'string' ? { problem: known } : known;
};
