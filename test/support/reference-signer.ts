import { Thumbprint } from '../../domain/index.ts';
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { CertificateProfile, Rdn } from '../../domain/index.ts';
import type { KeyStore, Signer } from '../../workflows/index.ts';
import { importSigningKey, publicOf } from '../../adapters/keystore/rsa.ts';
import { signCrl } from '../../adapters/x509/crl.ts';
import { encodeExtension } from '../../adapters/x509/extensions.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** A DN in the order AD CS writes it (DC=com first); an empty subject stays an empty SEQUENCE. */
const name = (rdns: readonly Rdn[]): x509.Name => new x509.Name(rdns.map(([type, value]) => ({ [type]: [value] })));

const sha1 = async (der: ArrayBuffer): Promise<string> =>
  Buffer.from(await webcrypto.subtle.digest('SHA-1', der))
    .toString('hex')
    .toUpperCase();

/** The signer as it was before assembly from parts (@peculiar/x509 builds every certificate): the oracle of the byte-for-byte test. */
export const referenceSigner = (keys: KeyStore): Signer => ({
  signCrl: (profile) => signCrl(keys, profile),
  async sign(profile: CertificateProfile) {
    const hash = profile.signatureHash === 'sha1' ? 'SHA-1' : 'SHA-256';
    const signingKey = await importSigningKey(await keys.privateKey(profile.signingKeyRef), hash);
    const subjectKey = new x509.PublicKey(Buffer.from(profile.publicKey, 'base64'));
    const issuerKey = new x509.PublicKey(await webcrypto.subtle.exportKey('spki', await publicOf(signingKey)));
    const extensions = await Promise.all(profile.extensions.map((spec) => encodeExtension(spec, subjectKey, issuerKey)));
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: profile.serialNumber,
      subject: name(profile.subject),
      issuer: name(profile.issuer),
      notBefore: new Date(profile.notBefore),
      notAfter: new Date(profile.notAfter),
      publicKey: subjectKey,
      signingKey,
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash } as Algorithm,
      extensions,
    });
    return { der: Buffer.from(certificate.rawData).toString('base64'), thumbprint: Thumbprint(await sha1(certificate.rawData)) };
  },
});
