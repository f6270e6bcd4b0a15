import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { memoryKeyStore } from '../../adapters/keystore/memory.ts';
import { importSigningKey } from '../../adapters/keystore/rsa.ts';
import { encodeExtension } from '../../adapters/x509/extensions.ts';
import { x509Signer } from '../../adapters/x509/signer.ts';
import {
  HostName,
  KeyRef,
  Thumbprint,
  SimTime,
  addMinutes,
  builtinTemplates,
  caCertificateProfile,
  caSubject,
  contoso,
  oid,
  testNetwork,
  type LabEvent,
  type RecordedEvent,
} from '../../domain/index.ts';

const workstation = builtinTemplates.find((t) => t.name === 'Workstation')!;

/** Signs many computer certificates with one imported CA key (the signer imports it per certificate), a batch at a time. */
const computerCertificates = async (caPkcs8: string, caSpki: string, computerSpki: string, computers: number, start: SimTime) => {
  const signingKey = await importSigningKey(caPkcs8);
  const [subjectKey, issuerKey] = [
    new x509.PublicKey(Buffer.from(computerSpki, 'base64')),
    new x509.PublicKey(Buffer.from(caSpki, 'base64')),
  ];
  const issuer = new x509.Name(caSubject.map(([type, value]) => ({ [type]: [value] })));
  const one = async (i: number) => {
    const fqdn = `pc${String(i).padStart(5, '0')}.contoso.com`;
    const at = addMinutes(start, 60 + Math.floor(i / 100));
    const specs = [
      { kind: 'templateInformation', templateOid: workstation.oid, major: 100, minor: 1 },
      { kind: 'extendedKeyUsage', oids: [oid.clientAuth] },
      { kind: 'applicationPolicies', oids: [oid.clientAuth] },
      { kind: 'subjectAltName', dnsNames: [fqdn], upns: [], critical: true },
    ] as const;
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: `61${i.toString(16).padStart(8, '0')}`,
      subject: new x509.Name([]),
      issuer,
      notBefore: new Date(at),
      notAfter: new Date(addMinutes(at, 525_600)),
      publicKey: subjectKey,
      signingKey,
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm,
      extensions: await Promise.all(specs.map((spec) => encodeExtension(spec, subjectKey, issuerKey))),
    });
    const der = Buffer.from(certificate.rawData);
    return { der: der.toString('base64'), thumbprint: Thumbprint(createHash('sha1').update(der).digest('hex').toUpperCase()) };
  };
  const out: { der: string; thumbprint: Thumbprint }[] = [];
  for (let i = 0; i < computers; i += 64)
    out.push(...(await Promise.all(Array.from({ length: Math.min(64, computers - i) }, (_, k) => one(i + k)))));
  return out;
};

/** Computer number `i` joining the lab with its certificate (signed beforehand): its account, host, restart, issue and install. */
const joinedComputer = (i: number, start: SimTime, { der, thumbprint }: { der: string; thumbprint: Thumbprint }) => {
  const events: LabEvent[] = [];
  const name = HostName(`PC${String(i).padStart(5, '0')}`);
  const fqdn = `${name.toLowerCase()}.contoso.com`;
  const at = addMinutes(start, 60 + Math.floor(i / 100));
  const notAfter = addMinutes(at, 525_600);
  const serialNumber = `61${i.toString(16).padStart(8, '0')}`;
  const sid = `${contoso.sid}-${2000 + i}`;
  const principal = { name, sid, kind: 'computer', builtin: false, dnsHostName: fqdn, primaryGroup: 'Domain Computers' } as const;
  events.push({ type: 'PrincipalCreated', data: { principal } });
  events.push({ type: 'HostProvisioned', data: { host: { name, fqdn, os: 'Windows 7', roles: [], lastBoot: at }, iisSites: [] } });
  events.push({
    type: 'ComputerRestarted',
    data: { computer: name, tokenGroups: ['Authenticated Users', 'Domain Computers', 'Everyone'] },
  });
  events.push({
    type: 'CertificateIssued',
    data: {
      certificate: {
        requestId: i + 1,
        serialNumber,
        thumbprint,
        ca: contoso.caName,
        template: 'Workstation',
        templateSchemaVersion: 2,
        requester: name,
        subject: '',
        dnsNames: [fqdn],
        upns: [],
        ekus: [oid.clientAuth],
        applicationPolicies: [oid.clientAuth],
        notBefore: at,
        notAfter,
        keyRef: KeyRef(`req-${i + 1}`),
        keySize: 2048,
        keyProvider: 'csp',
        exportableKey: false,
        der,
      },
    },
  });
  const keyRef = KeyRef(`req-${i + 1}`);
  events.push({
    type: 'CertificateInstalled',
    data: { host: name, store: 'personal', thumbprint, template: 'Workstation', keyRef, exportableKey: false },
  });
  return { at, events };
};

/**
 * The lab of `npm run bench` (computers that join, boot, autoenroll one certificate, then run 8-hour
 * timers), with real certificates: every DER is signed by the lab CA and agrees with its event, so a
 * log check measures the work of a clean log. One computer key is shared (signing dominates otherwise).
 */
export const largeLog = async (computers: number, passes: number): Promise<RecordedEvent[]> => {
  const keys = memoryKeyStore();
  const signer = x509Signer(keys);
  const start = SimTime('2026-01-05T08:00:00.000Z');
  const caKey = await keys.generate(KeyRef('ca'), 2048);
  const ca = await signer.sign(
    caCertificateProfile({
      startsAt: start,
      keyRef: KeyRef('ca'),
      publicKey: caKey,
      serialNumber: '1f2a4c6e8b0d3f5a7c9e1b3d5f7a9c2e',
      signatureHash: 'sha1',
    }),
  );
  const computerKey = await keys.generate(KeyRef('computer'), 2048);
  const signed = await computerCertificates(await keys.privateKey(KeyRef('ca')), caKey, computerKey, computers, start);
  const out: RecordedEvent[] = [];
  const push = (event: LabEvent, at: string) => out.push({ ...event, position: out.length + 1, at } as RecordedEvent);
  const network = testNetwork(
    start,
    { edition: 'enterprise', os: 'windows-server-2008' },
    { keyRef: KeyRef('ca'), certificate: ca.der, thumbprint: ca.thumbprint, serialTickBase: 0x15fba3bb },
  );
  for (const e of network) push(e, start);
  for (let i = 0; i < computers; i += 1) {
    const { at, events } = joinedComputer(i, start, signed[i]!);
    for (const e of events) push(e, at);
  }
  for (let pass = 1; pass <= passes; pass += 1) {
    const at = addMinutes(start, 60 + pass * 480);
    for (let i = 0; i < computers; i += 1) {
      push(
        { type: 'AutoenrollmentRan', data: { computer: HostName(`PC${String(i).padStart(5, '0')}`), trigger: 'timer', failures: [] } },
        at,
      );
    }
  }
  return out;
};
