// The public half of a PKCS#8 RSA key read straight from its DER: a key drawn from the pool needs only its
// SubjectPublicKeyInfo, and parsing the whole private key through OpenSSL to get it costs more than signing.

/** rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters: the AlgorithmIdentifier of both PKCS#8 and SPKI. */
const rsaAlgorithm = Buffer.from('300d06092a864886f70d0101010500', 'hex');

interface Tlv {
  readonly tag: number;
  /** Where the whole TLV starts and its content starts and ends, in the buffer read. */
  readonly start: number;
  readonly content: number;
  readonly end: number;
}

/** One DER TLV at `at` (definite lengths only), or undefined when the bytes are not one. */
const tlvAt = (der: Buffer, at: number, limit: number): Tlv | undefined => {
  if (at + 2 > limit) return undefined;
  const tag = der[at]!;
  let length = der[at + 1]!;
  let content = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || content + bytes > limit) return undefined;
    length = 0;
    for (let i = 0; i < bytes; i += 1) length = length * 256 + der[content + i]!;
    content += bytes;
  }
  return content + length > limit ? undefined : { tag, start: at, content, end: content + length };
};

/** A positive INTEGER in its shortest form, as OpenSSL writes it back (else the fast path does not apply). */
const minimalPositive = (der: Buffer, t: Tlv | undefined): t is Tlv =>
  t !== undefined &&
  t.tag === 0x02 &&
  t.end > t.content &&
  der[t.content]! < 0x80 &&
  !(der[t.content] === 0 && t.end - t.content > 1 && der[t.content + 1]! < 0x80);

const wrap = (tag: number, body: Buffer): Buffer => {
  const n = body.length;
  const head = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...head]), body]);
};

/** The TLVs that fill `parent`'s content exactly, or undefined when they do not. */
const children = (der: Buffer, parent: Tlv | undefined): Tlv[] | undefined => {
  if (parent === undefined) return undefined;
  const found: Tlv[] = [];
  for (let at = parent.content; at < parent.end; at = found.at(-1)!.end) {
    const child = tlvAt(der, at, parent.end);
    if (!child) return undefined;
    found.push(child);
  }
  return found;
};

const sequence = (t: Tlv | undefined): Tlv | undefined => (t?.tag === 0x30 ? t : undefined);

/** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo whose algorithm is rsaEncryption, or undefined. */
const rsaPrivateKey = (pkcs8: Buffer): Tlv | undefined => {
  const outer = sequence(tlvAt(pkcs8, 0, pkcs8.length));
  const [version, algorithm, octets] = (outer?.end === pkcs8.length && children(pkcs8, outer)) || [];
  if (version?.tag !== 0x02 || !algorithm || !pkcs8.subarray(algorithm.start, algorithm.end).equals(rsaAlgorithm)) return undefined;
  const inner = octets?.tag === 0x04 ? children(pkcs8, octets) : undefined;
  return inner?.length === 1 ? sequence(inner[0]) : undefined;
};

/**
 * The DER SubjectPublicKeyInfo of a DER PKCS#8 RSA private key (modulus and exponent copied, nothing
 * computed), or undefined when the key is not laid out the plain way (the caller then asks OpenSSL).
 */
export const rsaSpkiOf = (pkcs8: Buffer): Buffer | undefined => {
  const [version, modulus, exponent] = children(pkcs8, rsaPrivateKey(pkcs8)) ?? [];
  if (version?.tag !== 0x02 || !minimalPositive(pkcs8, modulus) || !minimalPositive(pkcs8, exponent)) return undefined;
  const publicKey = wrap(0x30, pkcs8.subarray(modulus.start, exponent.end));
  return wrap(0x30, Buffer.concat([rsaAlgorithm, wrap(0x03, Buffer.concat([Buffer.from([0]), publicKey]))]));
};
