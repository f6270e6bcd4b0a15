import 'reflect-metadata';
import { createHash, createPrivateKey, createPublicKey, sign, webcrypto, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { Thumbprint, type CertificateProfile, type KeyRef, type ExtensionSpec, type Rdn } from '../../domain/index.ts';
import type { KeyStore, Signer } from '../../workflows/index.ts';
import { certificate, perCertificate, tbsCertificate } from './assemble.ts';
import { signCrl } from './crl.ts';
import { encodeExtension } from './extensions.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** A small map that forgets its oldest entries, for parts many certificates share (names, template extensions). */
const boundedCache = <V>(limit = 1024) => {
  const entries = new Map<string, V>();
  return (key: string, make: () => V): V => {
    const found = entries.get(key);
    if (found !== undefined) return found;
    const value = make();
    entries.set(key, value);
    if (entries.size > limit) entries.delete(entries.keys().next().value!);
    return value;
  };
};

interface SigningKey {
  readonly key: KeyObject;
  readonly spki: Uint8Array;
}

/**
 * Signs profiles with keys from the key store, RSA with the hash the profile names (the CA's setup decides it).
 * The certificate is assembled from encoded parts: the names and the extensions a template gives every
 * certificate are encoded once and reused, the parts that differ (serial, validity, key, SAN, key
 * identifiers, SID) are encoded for each certificate, and node:crypto signs. A signing key is imported once.
 */
export const x509Signer = (keys: KeyStore): Signer => {
  const signingKeys = new Map<KeyRef, Promise<SigningKey>>();
  const names = boundedCache<Uint8Array>();
  const shared = boundedCache<Promise<Uint8Array>>();
  const signingKey = (ref: KeyRef): Promise<SigningKey> => {
    let found = signingKeys.get(ref);
    if (!found) {
      found = keys.privateKey(ref).then((pkcs8) => {
        const key = createPrivateKey({ key: Buffer.from(pkcs8, 'base64'), format: 'der', type: 'pkcs8' });
        return { key, spki: createPublicKey(key).export({ type: 'spki', format: 'der' }) };
      });
      found.catch(() => signingKeys.delete(ref)); // a key that could not be read is asked for again next time
      signingKeys.set(ref, found);
    }
    return found;
  };
  /** A DN in the order AD CS writes it (DC=com first); an empty subject stays an empty SEQUENCE. */
  const name = (rdns: readonly Rdn[]) =>
    names(JSON.stringify(rdns), () => new Uint8Array(new x509.Name(rdns.map(([type, value]) => ({ [type]: [value] }))).toArrayBuffer()));
  /** What makes two encodings of an extension the same: the spec, and for key identifiers the key. */
  const sameAs = (spec: ExtensionSpec, subject: Uint8Array, issuer: Uint8Array) => {
    if (spec.kind === 'authorityKeyIdentifier') return `aki:${Buffer.from(issuer).toString('base64')}`;
    if (spec.kind === 'subjectKeyIdentifier') return `ski:${Buffer.from(subject).toString('base64')}`;
    return JSON.stringify(spec);
  };
  const encoded = async (spec: ExtensionSpec, subject: Uint8Array, issuer: Uint8Array) => {
    const [subjectKey, issuerKey] = [subject, issuer].map((key) => new x509.PublicKey(key as BufferSource));
    return new Uint8Array((await encodeExtension(spec, subjectKey!, issuerKey!)).rawData);
  };
  const extension = (spec: ExtensionSpec, subject: Uint8Array, issuer: Uint8Array): Promise<Uint8Array> | Uint8Array =>
    perCertificate(spec, subject) ?? shared(sameAs(spec, subject, issuer), () => encoded(spec, subject, issuer));
  return {
    signCrl: (profile) => signCrl(keys, profile),
    async sign(profile: CertificateProfile) {
      const { key, spki: issuerKey } = await signingKey(profile.signingKeyRef);
      const publicKey = Buffer.from(profile.publicKey, 'base64');
      const extensions = await Promise.all(profile.extensions.map((spec) => extension(spec, publicKey, issuerKey)));
      const tbs = tbsCertificate(profile, { issuer: name(profile.issuer), subject: name(profile.subject), publicKey, extensions });
      const der = certificate(tbs, profile.signatureHash, sign(profile.signatureHash, tbs, key));
      return {
        der: Buffer.from(der).toString('base64'),
        thumbprint: Thumbprint(createHash('sha1').update(der).digest('hex').toUpperCase()),
      };
    },
  };
};
