import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rsaSpkiOf } from '../../adapters/keystore/rsa-public.ts';
import { publicKeyOf } from '../../adapters/keystore/rsa.ts';

const spki = suite('adapters/keystore the public half of an RSA key read from its DER');

const pkcs8Of = (modulusLength: number) =>
  generateKeyPairSync('rsa', {
    modulusLength,
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  }).privateKey;

/** What OpenSSL makes of the same bytes: the SPKI, or undefined when it refuses them as a key. */
const openssl = (der: Buffer): Buffer | undefined => {
  try {
    return createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' });
  } catch {
    return undefined;
  }
};

const keys = [1024, 2048, 3072].map(pkcs8Of);

spki('for real keys of 1,024 to 3,072 bits it is byte for byte what OpenSSL exports', () => {
  for (const key of keys) assert.ok(rsaSpkiOf(key)!.equals(openssl(key)!), `${key.length}-byte key`);
});

spki('publicKeyOf answers the same for a plain key and for one it hands to OpenSSL (an EC key is refused there)', () => {
  const base64 = keys[1]!.toString('base64');
  assert.is(publicKeyOf(base64), openssl(keys[1]!)!.toString('base64'));
  const ec = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  });
  assert.is(rsaSpkiOf(ec.privateKey), undefined, 'not an RSA key: left to OpenSSL');
  assert.is(publicKeyOf(ec.privateKey.toString('base64')), ec.publicKey.toString('base64'));
  assert.throws(() => publicKeyOf(Buffer.from('not a key').toString('base64')));
});

spki('damaged keys: it never throws, and whenever both read one, it agrees with OpenSSL', () => {
  const damaged = fc
    .record({
      key: fc.constantFrom(...keys),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
    })
    .map(({ key, edits, cut }) => {
      // Most edits land in the header (the first 40 bytes) where the structure is; the rest anywhere.
      const copy = Buffer.from(key);
      for (const [at, byte] of edits) copy[at % 3 === 0 ? at % copy.length : at % 40] = byte;
      return cut === undefined ? copy : copy.subarray(0, cut % copy.length);
    });
  fc.assert(
    fc.property(damaged, (der) => {
      const ours = rsaSpkiOf(der);
      const theirs = openssl(der);
      return ours === undefined || theirs === undefined || ours.equals(theirs);
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const read = rsaSpkiOf(Buffer.from(bytes));
      return read === undefined || read[0] === 0x30;
    }),
    { numRuns: 500 },
  );
});

spki.run();
