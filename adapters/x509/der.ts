/** Minimal DER writers: TLVs, object identifiers, and the two Microsoft extensions no library encodes (CA Version, SID security). */
const length = (n: number): number[] => {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
};

export const tlv = (tag: number, content: Uint8Array | number[]): Uint8Array => {
  const body = content instanceof Uint8Array ? content : Uint8Array.from(content);
  const head = [tag, ...length(body.length)];
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
};

export const concat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

export const oidBytes = (oid: string): number[] => {
  const [a, b, ...rest] = oid.split('.').map(Number);
  const out = [a! * 40 + b!];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return out;
};

/** CA Version (1.3.6.1.4.1.311.21.1): INTEGER, key index in the high 16 bits, certificate index in the low. */
export const caVersionValue = (value: number): Uint8Array =>
  tlv(0x02, value === 0 ? [0] : Array.from(new Uint8Array(new Uint32Array([value]).buffer)).reverse());

/** SID security extension (1.3.6.1.4.1.311.25.2): GeneralNames { otherName { 1.3.6.1.4.1.311.25.2.1, [0] OCTET STRING sid } }. */
export const sidSecurityValue = (sid: string): Uint8Array => {
  const value = tlv(0xa0, tlv(0x04, Array.from(new TextEncoder().encode(sid))));
  const otherName = tlv(0xa0, concat(tlv(0x06, oidBytes('1.3.6.1.4.1.311.25.2.1')), value));
  return tlv(0x30, otherName);
};
