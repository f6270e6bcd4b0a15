// Issuance: pkilab's signer making whole computer certificates (one at a time, as a lab issues them) beside
// a raw RSA-2048 signature loop with the same key and hash, in the same run.
import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import { memoryKeyStore } from '../../adapters/keystore/memory.ts';
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
} from '../../domain/index.ts';
import { figure, header, ratios, repeat, timed, type BenchSection } from './measure.ts';

const certificates = Number(process.env.BENCH_CERTIFICATES ?? 300);
const start = SimTime('2026-01-05T08:00:00.000Z');
const workstation = builtinTemplates.find((t) => t.name === 'Workstation')!;
const services = 'CN=Public Key Services,CN=Services,CN=Configuration,DC=contoso,DC=com';
const cdp = `ldap:///CN=contoso-CA1-CA,CN=CA1,CN=CDP,${services}?certificateRevocationList?base?objectClass=cRLDistributionPoint`;
const aia = `ldap:///CN=contoso-CA1-CA,CN=AIA,${services}?cACertificate?base?objectClass=certificationAuthority`;

/** A computer certificate as the CA decides it for autoenrollment (Workstation Authentication, SAN, SID). */
const computerProfile = (i: number, publicKey: string, hash: 'sha1' | 'sha256'): CertificateProfile => {
  const fqdn = `pc${String(i).padStart(5, '0')}.contoso.com`;
  return {
    serialNumber: `61${i.toString(16).padStart(6, '0')}000000000${(i % 16).toString(16)}`,
    signatureHash: hash,
    subject: [],
    issuer: caSubject,
    signingKeyRef: KeyRef('ca'),
    publicKey,
    notBefore: start,
    notAfter: '2027-01-05T08:00:00.000Z',
    extensions: [
      { kind: 'templateInformation', templateOid: workstation.oid, major: 100, minor: 1 },
      { kind: 'extendedKeyUsage', oids: [oid.clientAuth] },
      { kind: 'keyUsage', usages: ['digitalSignature', 'keyEncipherment'], critical: true },
      { kind: 'applicationPolicies', oids: [oid.clientAuth] },
      { kind: 'subjectAltName', dnsNames: [fqdn], upns: [], critical: true },
      { kind: 'sidSecurity', sid: `${contoso.sid}-${2000 + i}` },
      { kind: 'subjectKeyIdentifier' },
      { kind: 'authorityKeyIdentifier' },
      { kind: 'crlDistributionPoints', urls: [cdp] },
      { kind: 'authorityInformationAccess', caIssuers: [aia] },
    ],
  };
};

export const section: BenchSection = {
  name: 'issuance',
  title: 'issuance: certificates from pooled keys',
  order: 30,
  async run(context) {
    const keys = memoryKeyStore();
    const signer = x509Signer(keys);
    const caKey = await keys.generate(KeyRef('ca'), 2048);
    await signer.sign(
      caCertificateProfile({
        startsAt: start,
        keyRef: KeyRef('ca'),
        publicKey: caKey,
        serialNumber: '1f2a4c6e8b0d3f5a7c9e1b3d5f7a9c2e',
        signatureHash: 'sha1',
      }),
    );
    const computerKey = await keys.generate(KeyRef('pc'), 2048);
    const caPrivate = createPrivateKey({ key: Buffer.from(await keys.privateKey(KeyRef('ca')), 'base64'), format: 'der', type: 'pkcs8' });
    for (const hash of ['sha1', 'sha256'] as const) {
      header(context, `${this.title}, ${hash.toUpperCase()} signatures`, `${certificates} certificates per run, one at a time`);
      const tbs = randomBytes(1100); // about the size of a computer certificate's to-be-signed part
      for (let i = 0; i < 20; i += 1) await signer.sign(computerProfile(i, computerKey, hash)); // warm-up
      const runs = await repeat(context.runs, async () => {
        const [, baseline] = await timed(() => {
          for (let i = 0; i < certificates; i += 1) sign(hash, tbs, caPrivate);
        });
        const [, pkilab] = await timed(async () => {
          for (let i = 0; i < certificates; i += 1) await signer.sign(computerProfile(i, computerKey, hash));
        });
        return { pkilab: (certificates / pkilab) * 1000, baseline: (certificates / baseline) * 1000 };
      });
      context.out(
        figure(
          'pkilab signer, whole certificates',
          runs.map((r) => r.pkilab),
          'certs/s',
        ),
      );
      context.out(
        figure(
          'baseline raw RSA-2048 signatures',
          runs.map((r) => r.baseline),
          'sigs/s',
        ),
      );
      context.out(
        ratios(
          'ratio pkilab / raw signature',
          runs.map((r) => r.pkilab),
          runs.map((r) => r.baseline),
          '≥ 0.5',
        ),
      );
    }
  },
};
