import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import { rsaSpkiOf } from './rsa-public.ts';

const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]) } as const;

/** A fresh RSA key pair as base64 PKCS#8 and SubjectPublicKeyInfo. */
export const generateRsa = async (size: number): Promise<{ pkcs8: string; spki: string }> => {
  const pair = (await webcrypto.subtle.generateKey({ ...algorithm, modulusLength: size }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const [pkcs8, spki] = await Promise.all([
    webcrypto.subtle.exportKey('pkcs8', pair.privateKey),
    webcrypto.subtle.exportKey('spki', pair.publicKey),
  ]);
  return { pkcs8: Buffer.from(pkcs8).toString('base64'), spki: Buffer.from(spki).toString('base64') };
};

/** Imports a base64 PKCS#8 RSA key for signing with the given hash (WebCrypto binds the hash to the key). */
export const importSigningKey = (pkcs8: string, hash: 'SHA-1' | 'SHA-256' = algorithm.hash): Promise<CryptoKey> =>
  webcrypto.subtle.importKey('pkcs8', Buffer.from(pkcs8, 'base64'), { name: algorithm.name, hash }, true, ['sign']) as Promise<CryptoKey>;

/** The public half of a private key, through its JWK (n, e). */
export const publicOf = async (key: CryptoKey): Promise<CryptoKey> => {
  const { n, e } = await webcrypto.subtle.exportKey('jwk', key);
  return webcrypto.subtle.importKey('jwk', { kty: 'RSA', n, e }, { name: algorithm.name, hash: algorithm.hash }, true, [
    'verify',
  ]) as Promise<CryptoKey>;
};

export const toPem = (label: string, base64: string): string =>
  `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;

export const fromPem = (pem: string): string => pem.replace(/-----(BEGIN|END) [^-]+-----/g, '').replace(/\s+/g, '');

/**
 * The base64 SubjectPublicKeyInfo of a base64 PKCS#8 private key: read from the DER when it is a plain RSA key
 * (a copy of two integers), else through OpenSSL, which also refuses what is not a key.
 */
export const publicKeyOf = (pkcs8: string): string => {
  const der = Buffer.from(pkcs8, 'base64');
  const spki =
    rsaSpkiOf(der) ?? createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' });
  return spki.toString('base64');
};
