import 'reflect-metadata';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CRLNumber } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { KeyRef, SimTime, caSubject, type CrlProfile } from '../../domain/index.ts';
import type { KeyStore, Signer } from '../../workflows/index.ts';

/** The CRL the contract asks for: the test network CA's base CRL number 7, unless overridden. */
const crlProfile = (overrides: Partial<CrlProfile> = {}): CrlProfile => ({
  ca: 'contoso-CA1-CA',
  kind: 'base',
  crlNumber: 7,
  thisUpdate: SimTime('2026-11-02T08:50:00.000Z'),
  nextUpdate: SimTime('2026-11-10T01:48:00.000Z'),
  nextPublish: SimTime('2026-11-09T09:00:00.000Z'),
  entries: [],
  freshest: [],
  signatureHash: 'sha1',
  issuer: caSubject,
  signingKeyRef: KeyRef('ca'),
  caVersion: 0,
  ...overrides,
});

/**
 * The Signer port's CRL contract, run against every signer: the DER is a CRL that verifies with the CA's key
 * and says what the profile decided (dates, number, entries and reasons, delta indicator, hash).
 */
export const signerCrlContract = (name: string, make: () => Promise<{ signer: Signer; keys: KeyStore }>) => {
  const contract = suite(`Signer contract (CRLs): ${name}`);
  // One CA key for the whole suite: key generation is not what the contract is about.
  let made: Promise<{ signer: Signer; spki: string }> | undefined;
  const ca = () => (made ??= make().then(async ({ signer, keys }) => ({ signer, spki: await keys.generate(KeyRef('ca'), 2048) })));
  const signed = async (overrides: Partial<CrlProfile> = {}) => {
    const { signer, spki } = await ca();
    const { der } = await signer.signCrl(crlProfile(overrides));
    return { crl: new x509.X509Crl(Buffer.from(der, 'base64')), key: new x509.PublicKey(Buffer.from(spki, 'base64')) };
  };

  contract('the CRL verifies with the CA key and carries the decided dates, issuer and number', async () => {
    const { crl, key } = await signed();
    assert.ok(await crl.verify({ publicKey: key }));
    assert.is(crl.thisUpdate.toISOString(), '2026-11-02T08:50:00.000Z');
    assert.is(crl.nextUpdate?.toISOString(), '2026-11-10T01:48:00.000Z');
    assert.is(crl.issuer, 'DC=com, DC=contoso, CN=contoso-CA1-CA');
    assert.is(AsnConvert.parse(crl.getExtension('2.5.29.20')!.value, CRLNumber).value, 7);
  });

  contract('entries keep their serial, date and reason; an unspecified reason is left out', async () => {
    const { crl } = await signed({
      entries: [
        { serialNumber: '1a2b3c4d000000000002', revokedAt: SimTime('2026-11-02T10:00:00.000Z'), reason: 'keyCompromise' },
        { serialNumber: '1a2b3c4d000000000003', revokedAt: SimTime('2026-11-02T11:00:00.000Z'), reason: 'unspecified' },
      ],
    });
    assert.equal(
      crl.entries.map((e) => [e.serialNumber.toLowerCase(), e.revocationDate.toISOString(), e.reason]),
      [
        ['1a2b3c4d000000000002', '2026-11-02T10:00:00.000Z', x509.X509CrlReason.keyCompromise],
        ['1a2b3c4d000000000003', '2026-11-02T11:00:00.000Z', undefined],
      ],
    );
  });

  contract("a delta carries the critical Delta CRL Indicator with its base's number; a base names the delta in Freshest CRL", async () => {
    const { crl: delta } = await signed({ kind: 'delta', baseCrlNumber: 6 });
    const indicator = delta.getExtension('2.5.29.27')!;
    assert.ok(indicator.critical);
    assert.is(AsnConvert.parse(indicator.value, CRLNumber).value, 6);
    const { crl: base } = await signed({ freshest: ['http://ca1.contoso.com/CertEnroll/contoso-CA1-CA+.crl'] });
    assert.ok(base.getExtension('2.5.29.46'));
    assert.not.ok(base.getExtension('2.5.29.27'));
  });

  contract("the signature uses the profile's hash, and the Microsoft extensions are there", async () => {
    const { crl: sha1 } = await signed();
    assert.is((sha1.signatureAlgorithm as RsaHashedKeyAlgorithm & { hash: Algorithm }).hash.name, 'SHA-1');
    const { crl: sha256 } = await signed({ signatureHash: 'sha256' });
    assert.is((sha256.signatureAlgorithm as RsaHashedKeyAlgorithm & { hash: Algorithm }).hash.name, 'SHA-256');
    assert.ok(sha1.getExtension('1.3.6.1.4.1.311.21.1'), 'CA Version');
    assert.ok(sha1.getExtension('1.3.6.1.4.1.311.21.4'), 'Next CRL Publish');
    assert.ok(sha1.getExtension('2.5.29.35'), 'Authority Key Identifier');
  });

  return contract;
};
