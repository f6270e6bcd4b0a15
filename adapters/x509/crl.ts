import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { BaseCRLNumber, CRLNumber, DistributionPoint, DistributionPointName, FreshestCRL, GeneralName, Time } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import { oid, revocationReasons, type CrlProfile, type Rdn } from '../../domain/index.ts';
import type { KeyStore } from '../../workflows/index.ts';
import { importSigningKey, publicOf } from '../keystore/rsa.ts';
import { caVersionValue } from './der.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** Microsoft's Next CRL Publish extension (szOID_CRL_NEXT_PUBLISH): when the CA will publish its next CRL. */
const nextCrlPublishOid = '1.3.6.1.4.1.311.21.4';
const crlNumberOid = '2.5.29.20';
const deltaCrlIndicatorOid = '2.5.29.27';
const freshestCrlOid = '2.5.29.46';

const raw = (type: string, value: ArrayBuffer | Uint8Array, critical = false) => new x509.Extension(type, critical, value as BufferSource);
const name = (rdns: readonly Rdn[]): x509.Name => new x509.Name(rdns.map(([type, value]) => ({ [type]: [value] })));

const pointAt = (url: string) =>
  new DistributionPoint({
    distributionPoint: new DistributionPointName({ fullName: [new GeneralName({ uniformResourceIdentifier: url })] }),
  });
const freshest = (urls: readonly string[]) => new FreshestCRL(urls.map(pointAt));

/**
 * The CRL extensions in the order an AD CS CA writes them: authority key id, CA Version, CRL number, Next CRL
 * Publish, then Freshest CRL on a base CRL with deltas, or the critical Delta CRL Indicator on a delta.
 */
const extensionsOf = async (profile: CrlProfile, issuerKey: x509.PublicKey): Promise<x509.Extension[]> => {
  const extensions = [
    await x509.AuthorityKeyIdentifierExtension.create(issuerKey),
    raw(oid.caVersion, caVersionValue(profile.caVersion)),
    raw(crlNumberOid, AsnConvert.serialize(new CRLNumber(profile.crlNumber))),
    raw(nextCrlPublishOid, AsnConvert.serialize(new Time(new Date(profile.nextPublish)))),
  ];
  const baseNumber = AsnConvert.serialize(new BaseCRLNumber(profile.baseCrlNumber ?? 0));
  if (profile.kind === 'delta') extensions.push(raw(deltaCrlIndicatorOid, baseNumber, true));
  else if (profile.freshest.length > 0) extensions.push(raw(freshestCrlOid, AsnConvert.serialize(freshest(profile.freshest))));
  return extensions;
};

/** Signs a CRL profile with the CA's key from the key store, with the hash the CA signs its certificates with. */
export const signCrl = async (keys: KeyStore, profile: CrlProfile): Promise<{ der: string }> => {
  const hash = profile.signatureHash === 'sha1' ? 'SHA-1' : 'SHA-256';
  const signingKey = await importSigningKey(await keys.privateKey(profile.signingKeyRef), hash);
  const issuerKey = new x509.PublicKey(await webcrypto.subtle.exportKey('spki', await publicOf(signingKey)));
  const crl = await x509.X509CrlGenerator.create({
    issuer: name(profile.issuer),
    thisUpdate: new Date(profile.thisUpdate),
    nextUpdate: new Date(profile.nextUpdate),
    signingKey,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash } as Algorithm,
    extensions: await extensionsOf(profile, issuerKey),
    // An unspecified reason is left out of the entry, as RFC 5280 §5.3.1 asks and AD CS does.
    entries: profile.entries.map((entry) => ({
      serialNumber: entry.serialNumber,
      revocationDate: new Date(entry.revokedAt),
      ...(entry.reason === 'unspecified' ? {} : { reason: revocationReasons[entry.reason] as number as x509.X509CrlReason }),
    })),
  });
  return { der: Buffer.from(crl.rawData).toString('base64') };
};
