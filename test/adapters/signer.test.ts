import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { memoryKeyStore } from '../../adapters/keystore/memory.ts';
import { toPem } from '../../adapters/keystore/rsa.ts';
import { x509Signer } from '../../adapters/x509/signer.ts';
import {
  KeyRef,
  SimTime,
  builtinTemplates,
  caCertificateProfile,
  caSubject,
  contoso,
  oid,
  type CertificateProfile,
  type ExtensionSpec,
  type Rdn,
} from '../../domain/index.ts';
import { isKeyStoreError, isSignerError } from '../../workflows/index.ts';
import { referenceSigner } from '../support/reference-signer.ts';

const signer = suite('adapters/x509 signer: certificates assembled from parts');

const keys = memoryKeyStore();
const caKey = await keys.generate(KeyRef('ca'), 2048);
const subjectKey = await keys.generate(KeyRef('subject'), 2048);
const fast = x509Signer(keys);
const reference = referenceSigner(keys);
const start = SimTime('2026-01-05T08:00:00.000Z');
const workstation = builtinTemplates.find((t) => t.name === 'Workstation')!;

const points: ExtensionSpec[] = [
  {
    kind: 'crlDistributionPoints',
    urls: [
      'ldap:///CN=contoso-CA1-CA,CN=CA1,CN=CDP,CN=Public Key Services,CN=Services,CN=Configuration,DC=contoso,DC=com?certificateRevocationList?base?objectClass=cRLDistributionPoint',
      'http://ca1.contoso.com/CertEnroll/contoso-CA1-CA.crl',
    ],
  },
  { kind: 'authorityInformationAccess', caIssuers: ['http://ca1.contoso.com/CertEnroll/CA1.contoso.com_contoso-CA1-CA.crt'] },
];

const profile = (overrides: Partial<CertificateProfile>, extensions: ExtensionSpec[]): CertificateProfile => ({
  serialNumber: '610f4c2a000000000004',
  signatureHash: 'sha1',
  subject: [],
  issuer: caSubject,
  signingKeyRef: KeyRef('ca'),
  publicKey: subjectKey,
  notBefore: start,
  notAfter: SimTime('2027-01-05T08:00:00.000Z'),
  extensions,
  ...overrides,
});

const caProfile = (serialNumber: string, signatureHash: 'sha1' | 'sha256') =>
  caCertificateProfile({ startsAt: start, keyRef: KeyRef('ca'), publicKey: caKey, serialNumber, signatureHash });

const examples: Record<string, CertificateProfile> = {
  'the CA certificate (SHA-1)': caProfile('1f2a4c6e8b0d3f5a7c9e1b3d5f7a9c2e', 'sha1'),
  'the CA certificate (SHA-256, valid past 2049)': {
    ...caProfile('7c9e1b3d5f7a9c2e1f2a4c6e8b0d3f5a', 'sha256'),
    notAfter: SimTime('2051-01-05T08:00:00.000Z'),
  },
  'a computer certificate: empty subject, critical SAN, SID': profile({}, [
    { kind: 'templateInformation', templateOid: workstation.oid, major: 100, minor: 5 },
    { kind: 'extendedKeyUsage', oids: [oid.clientAuth] },
    { kind: 'keyUsage', usages: ['digitalSignature', 'keyEncipherment'], critical: true },
    { kind: 'applicationPolicies', oids: [oid.clientAuth] },
    { kind: 'subjectAltName', dnsNames: ['pc00001.contoso.com'], upns: [], critical: true },
    { kind: 'sidSecurity', sid: `${contoso.sid}-2001` },
    { kind: 'subjectKeyIdentifier' },
    { kind: 'authorityKeyIdentifier' },
    ...points,
  ]),
  'a web server certificate: subject CN, two DNS names, a serial with its top bit set': profile(
    { serialNumber: '8a0f4c2a0000000000ff', signatureHash: 'sha256', subject: [['CN', 'server1.contoso.com']] },
    [
      { kind: 'templateName', name: 'WebServer' },
      { kind: 'extendedKeyUsage', oids: [oid.serverAuth] },
      { kind: 'subjectAltName', dnsNames: ['server1.contoso.com', 'server1.internet.example'], upns: [], critical: false },
      { kind: 'subjectKeyIdentifier' },
      { kind: 'authorityKeyIdentifier' },
      ...points,
    ],
  ),
  'a user certificate: a UPN, a long subject, leading zeros and an odd number of hex digits in the serial': profile(
    {
      serialNumber: '000abc',
      subject: [
        ['DC', 'com'],
        ['DC', 'contoso'],
        ['CN', 'Users'],
        ['CN', 'Ada Lovelace'],
      ],
    },
    [
      { kind: 'subjectAltName', dnsNames: [], upns: ['ada@contoso.com'], critical: false },
      { kind: 'basicConstraints', ca: false, critical: false },
      { kind: 'caVersion', value: 0x10001 },
      { kind: 'subjectKeyIdentifier' },
      { kind: 'authorityKeyIdentifier' },
    ],
  ),
};

for (const [what, p] of Object.entries(examples)) {
  signer(`${what}: byte for byte the certificate @peculiar/x509 builds`, async () => {
    assert.equal(await fast.sign(p), await reference.sign(p));
  });
}

signer('random names, serials, validity and SAN entries give the same bytes as @peculiar/x509 (property)', async () => {
  const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/);
  const rdn = fc
    .tuple(fc.constantFrom('CN', 'OU', 'O', 'DC'), fc.stringMatching(/^[A-Za-z0-9 ._-]{1,20}$/))
    .map(([t, v]) => [t, v.trim() || 'x'] as Rdn);
  const when = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString());
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        serialNumber: fc.stringMatching(/^[0-9a-f]{1,40}$/).filter((h) => /[1-9a-f]/.test(h)),
        subject: fc.array(rdn, { maxLength: 4 }),
        dnsNames: fc.array(
          label.map((l) => `${l}.contoso.com`),
          { maxLength: 3 },
        ),
        upns: fc.array(
          label.map((l) => `${l}@contoso.com`),
          { maxLength: 2 },
        ),
        notBefore: when,
        notAfter: when,
        critical: fc.boolean(),
        signatureHash: fc.constantFrom('sha1' as const, 'sha256' as const),
      }),
      async ({ serialNumber, subject, dnsNames, upns, notBefore, notAfter, critical, signatureHash }) => {
        const p = profile({ serialNumber, subject, notBefore, notAfter, signatureHash }, [
          { kind: 'subjectAltName', dnsNames, upns, critical },
          { kind: 'sidSecurity', sid: `${contoso.sid}-${serialNumber.length}` },
          { kind: 'subjectKeyIdentifier' },
          { kind: 'authorityKeyIdentifier' },
        ]);
        assert.equal(await fast.sign(p), await reference.sign(p));
      },
    ),
    { numRuns: 60 },
  );
});

signer('openssl verifies a certificate of the assembled signer against the CA certificate', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pkilab-signer-'));
  const ca = await fast.sign(examples['the CA certificate (SHA-1)']!);
  const leaf = await fast.sign(examples['a computer certificate: empty subject, critical SAN, SID']!);
  writeFileSync(join(dir, 'ca.pem'), toPem('CERTIFICATE', ca.der));
  writeFileSync(join(dir, 'leaf.pem'), toPem('CERTIFICATE', leaf.der));
  const out = execFileSync(
    'openssl',
    ['verify', '-CAfile', join(dir, 'ca.pem'), '-attime', String(Date.parse('2026-06-01T00:00:00Z') / 1000), join(dir, 'leaf.pem')],
    { encoding: 'utf8' },
  );
  assert.match(out, /leaf\.pem: OK/);
});

signer('a signing key that cannot be read fails the signature and is asked for again the next time', async () => {
  const store = memoryKeyStore();
  const s = x509Signer(store);
  const p = { ...examples['the CA certificate (SHA-1)']!, signingKeyRef: KeyRef('later') };
  await s.sign(p).then(
    () => assert.unreachable('signed without a key'),
    (error: Error) => {
      assert.ok(isKeyStoreError(error, 'KEYSTORE_KEY_MISSING'), String(error));
      assert.match(error.message, /later/);
    },
  );
  await store.put(KeyRef('later'), await keys.privateKey(KeyRef('ca')));
  assert.equal(await s.sign(p), await reference.sign({ ...p, signingKeyRef: KeyRef('ca') }));
});

signer('a zero serial number is refused as SIGNER_INVALID_PROFILE, a Signer failure, before anything is signed', async () => {
  const zero = profile({ serialNumber: '0000' }, []);
  await fast.sign(zero).then(
    () => assert.unreachable('signed a zero serial'),
    (error: Error) => {
      assert.ok(isSignerError(error, 'SIGNER_INVALID_PROFILE'), String(error));
      assert.match(error.message, /must not be zero; found "0000"/);
    },
  );
});

signer.run();
