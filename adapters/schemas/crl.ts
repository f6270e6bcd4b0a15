import { formatDn, revocationReasons, type PublishedCrl, type Rdn } from '../../domain/index.ts';
import type { Disagreement } from './agreement.ts';
import { children, DerProblem, expect, intOf, nameOf, oidOf, timeOf, tlvAt, type CertificateFacts, type Tlv } from './certificate.ts';

/** What a CRL's DER says about the fields a CrlPublished event states beside it (same DER walk as certificates). */
interface CrlFacts {
  readonly issuer: CertificateFacts['issuer'];
  /** Seconds since the epoch. */
  readonly thisUpdate: number;
  readonly nextUpdate?: number;
  readonly nextPublish?: number;
  readonly crlNumber?: number;
  readonly baseCrlNumber?: number;
  readonly entries: readonly { readonly serialNumber: string; readonly revokedAt: number; readonly reasonCode?: number }[];
}

const hex = (b: Buffer, node: Tlv): string =>
  b.toString('hex', expect(node, 0x02, 'a serial number').start, node.end).replace(/^0+(?=.)/, '');

/** An Extension's OID and its inner value (the DER inside the OCTET STRING). */
const extension = (b: Buffer, node: Tlv): [string, Tlv] => {
  const parts = children(b, expect(node, 0x30, 'an Extension'));
  const value = expect(parts[parts.length - 1], 0x04, 'an extension value');
  return [oidOf(b, parts[0]!), tlvAt(b, value.start, value.end)];
};

const entryOf = (b: Buffer, node: Tlv): CrlFacts['entries'][number] => {
  const [serial, date, extensions] = children(b, expect(node, 0x30, 'a revoked certificate'));
  const reason = extensions
    ? children(b, extensions)
        .map((e) => extension(b, e))
        .find(([id]) => id === '2.5.29.21')
    : undefined;
  const reasonCode = reason ? b[expect(reason[1], 0x0a, 'a CRLReason').start] : undefined;
  return { serialNumber: hex(b, serial!), revokedAt: timeOf(b, date!), ...(reasonCode === undefined ? {} : { reasonCode }) };
};

const parse = (der: Buffer): CrlFacts => {
  const top = expect(tlvAt(der, 0, der.length), 0x30, 'a CertificateList');
  if (top.end !== der.length) throw new DerProblem(`${der.length - top.end} bytes follow the CRL`);
  const tbs = children(der, expect(children(der, top)[0], 0x30, 'a TBSCertList'));
  const fields = tbs[0]?.tag === 0x02 ? tbs.slice(1) : tbs;
  const [, issuer, thisUpdate, ...rest] = fields;
  const nextUpdate = rest[0] && (rest[0].tag === 0x17 || rest[0].tag === 0x18) ? rest.shift() : undefined;
  const revoked = rest[0]?.tag === 0x30 ? rest.shift() : undefined;
  const wrapped = rest.find((n) => n.tag === 0xa0);
  const extensions = wrapped ? children(der, tlvAt(der, wrapped.start, wrapped.end)).map((e) => extension(der, e)) : [];
  const value = (id: string) => extensions.find(([found]) => found === id)?.[1];
  const [crlNumber, baseCrlNumber, nextPublish] = [value('2.5.29.20'), value('2.5.29.27'), value('1.3.6.1.4.1.311.21.4')];
  return {
    issuer: nameOf(der, issuer!),
    thisUpdate: timeOf(der, thisUpdate!),
    ...(nextUpdate ? { nextUpdate: timeOf(der, nextUpdate) } : {}),
    ...(nextPublish ? { nextPublish: timeOf(der, nextPublish) } : {}),
    ...(crlNumber ? { crlNumber: intOf(der, crlNumber) } : {}),
    ...(baseCrlNumber ? { baseCrlNumber: intOf(der, baseCrlNumber) } : {}),
    entries: revoked ? children(der, revoked).map((e) => entryOf(der, e)) : [],
  };
};

/** The facts of a base64 DER CRL, or why it is not one (never throws). */
export const readCrl = (base64: string): CrlFacts | { readonly problem: string } => {
  try {
    return parse(Buffer.from(base64, 'base64'));
  } catch (error) {
    return { problem: `not a DER CRL: ${error instanceof DerProblem ? error.message : String(error)}` };
  }
};

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
const iso = (s: number | undefined): string => (s === undefined ? 'nothing' : new Date(s * 1000).toISOString());

/** Where a CrlPublished event and its DER disagree: `expected` is what the DER says. */
export const crlDisagreements = (stated: PublishedCrl, der: CrlFacts, caSubject?: CertificateFacts['subject']): Disagreement[] => {
  const out: Disagreement[] = [];
  const field = (name: string, fromDer: string, inEvent: string) => {
    if (fromDer !== inEvent) out.push({ field: `data.${name}`, expected: fromDer, found: inEvent });
  };
  if (caSubject) field('der (issuer)', formatDn(der.issuer as readonly Rdn[]), formatDn(caSubject as readonly Rdn[]));
  field('thisUpdate', iso(der.thisUpdate), iso(seconds(stated.thisUpdate)));
  field('nextUpdate', iso(der.nextUpdate), iso(seconds(stated.nextUpdate)));
  field('nextPublish', iso(der.nextPublish), iso(seconds(stated.nextPublish)));
  field('crlNumber', String(der.crlNumber), String(stated.crlNumber));
  field('baseCrlNumber', String(der.baseCrlNumber), String(stated.baseCrlNumber));
  const entries = (list: readonly { serialNumber: string; revokedAt: number; reasonCode?: number }[]) =>
    JSON.stringify(list.map((e) => [e.serialNumber.toLowerCase(), iso(e.revokedAt), e.reasonCode ?? 0]));
  field(
    'entries',
    entries(der.entries),
    entries(
      stated.entries.map((e) => ({
        serialNumber: e.serialNumber.replace(/^0+(?=.)/, ''),
        revokedAt: seconds(e.revokedAt),
        reasonCode: revocationReasons[e.reason],
      })),
    ),
  );
  return out;
};
