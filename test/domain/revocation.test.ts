import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HostName, KeyRef, SimTime, decide, timed, type LabCommand, type World } from '../../domain/index.ts';
import { acceptedAt, givenAt, issued, issuedCertificate, revoked } from '../support/crl.ts';
import { webServerTemplateIssued } from '../support/steps.ts';
import { givenNetwork } from '../support/world.ts';

const revocation = suite('domain/ca revocation');

const at = SimTime('2026-11-03T09:00:00.000Z');
const later = SimTime('2026-11-04T09:00:00.000Z');
const certificate = issuedCertificate(2, SimTime('2026-11-02T10:00:00.000Z'));
const withCertificate = (): World => issued(givenNetwork(), SimTime('2026-11-02T10:00:00.000Z'), certificate);
const revoke = (
  serialNumber: string,
  reason: Extract<LabCommand, { type: 'RevokeCertificate' }>['reason'] = 'keyCompromise',
): LabCommand => ({ type: 'RevokeCertificate', serialNumber, reason });
const rejection = (world: World, command: LabCommand) => {
  const decision = decide(timed(command, later), world);
  return decision.kind === 'rejected' ? decision.rejection : undefined;
};

revocation('revoking an issued certificate records its serial, request id, thumbprint and reason', () => {
  const decision = decide(timed(revoke(certificate.serialNumber, 'superseded'), at), withCertificate());
  assert.equal(decision, {
    kind: 'accepted',
    events: [
      {
        type: 'CertificateRevoked',
        data: {
          ca: 'contoso-CA1-CA',
          serialNumber: certificate.serialNumber,
          requestId: 2,
          thumbprint: certificate.thumbprint,
          reason: 'superseded',
        },
      },
    ],
  });
});

revocation('the Revoked Certificates folder shows the certificate with the time of revocation', () => {
  const world = revoked(withCertificate(), at, certificate.serialNumber);
  assert.equal(world.ca.revocations[certificate.serialNumber], {
    ca: 'contoso-CA1-CA',
    serialNumber: certificate.serialNumber,
    requestId: 2,
    reason: 'keyCompromise',
    revokedAt: at,
  });
});

revocation('takes the serial number as certutil prints it: upper case, with spaces', () => {
  const spaced = certificate.serialNumber.toUpperCase().replace(/(..)/g, '$1 ').trim();
  assert.ok(revoked(withCertificate(), at, spaced).ca.revocations[certificate.serialNumber]);
});

revocation('refuses a serial number the CA never issued with 0x80070002 and lists the serials it did issue', () => {
  const refused = rejection(withCertificate(), revoke('61000000000000000099'));
  assert.is(refused?.code, '0x80070002');
  assert.is(refused?.name, 'ERROR_FILE_NOT_FOUND');
  assert.match(refused!.reason, /no certificate with serial number 61000000000000000099/);
  assert.match(refused!.reason, new RegExp(`Request ID: 2 \\(${certificate.serialNumber}\\)`));
});

revocation('designates the certificate by Request ID, as the Issued Certificates view shows it', () => {
  const world = acceptedAt(withCertificate(), at, { type: 'RevokeCertificate', requestId: 2, reason: 'cessationOfOperation' });
  assert.is(world.ca.revocations[certificate.serialNumber]?.reason, 'cessationOfOperation');
  const unknown = rejection(withCertificate(), { type: 'RevokeCertificate', requestId: 9, reason: 'unspecified' });
  assert.match(unknown!.reason, /no certificate with Request ID 9; .*2 \(/);
});

revocation('designates the certificate by the computer that holds it and its template', () => {
  const installed = givenAt(withCertificate(), at, {
    type: 'CertificateInstalled',
    data: {
      host: HostName('SERVER1'),
      store: 'personal',
      thumbprint: certificate.thumbprint,
      template: 'WebServer',
      keyRef: KeyRef('req-2'),
      exportableKey: false,
    },
  });
  const holder = (template: string): LabCommand => ({
    type: 'RevokeCertificate',
    holder: { host: HostName('SERVER1'), certificate: { template } },
    reason: 'superseded',
  });
  assert.ok(acceptedAt(installed, at, holder('Web Server')).ca.revocations[certificate.serialNumber]);
  const refused = rejection(installed, holder('Workstation Authentication'));
  assert.is(refused?.code, 'not-found');
  assert.match(refused!.reason, /SERVER1 holds no certificate from contoso-CA1-CA with template "Workstation Authentication"/);
});

revocation('refuses to revoke an already revoked certificate with 0x80094003, naming when and why it was revoked', () => {
  const refused = rejection(revoked(withCertificate(), at, certificate.serialNumber), revoke(certificate.serialNumber, 'superseded'));
  assert.is(refused?.code, '0x80094003');
  assert.match(refused!.reason, /already revoked on 2026-11-03T09:00:00.000Z \(keyCompromise\)/);
});

revocation('a certificate on hold can be revoked for good, but not put on hold twice', () => {
  const held = revoked(withCertificate(), at, certificate.serialNumber, 'certificateHold');
  assert.is(rejection(held, revoke(certificate.serialNumber, 'certificateHold'))?.code, '0x80094003');
  const forGood = revoked(held, later, certificate.serialNumber, 'keyCompromise');
  assert.is(forGood.ca.revocations[certificate.serialNumber]?.reason, 'keyCompromise');
});

revocation('a stopped CA refuses with 0x800706BA until its service starts again', () => {
  const stopped = acceptedAt(withCertificate(), at, { type: 'StopCaService' });
  const refused = rejection(stopped, revoke(certificate.serialNumber));
  assert.is(refused?.code, '0x800706BA');
  assert.match(refused!.reason, /service on CA1 is stopped \(since 2026-11-03T09:00:00.000Z\)/);
  const started = acceptedAt(stopped, later, { type: 'StartCaService' });
  assert.ok(revoked(started, later, certificate.serialNumber).ca.revocations[certificate.serialNumber]);
});

revocation('a stopped CA issues nothing either: a request fails with 0x800706BA', () => {
  const stopped = acceptedAt(webServerTemplateIssued(givenNetwork()), at, { type: 'StopCaService' });
  const restarted = acceptedAt(stopped, at, { type: 'RestartComputer', computer: HostName('SERVER1') });
  const refused = rejection(restarted, {
    type: 'RequestCertificate',
    requester: 'SERVER1',
    store: 'personal',
    template: 'ConfigMgr Web Server Certificate',
    dnsNames: ['server1.internal.contoso.com'],
  });
  assert.is(refused?.code, '0x800706BA');
  assert.match(refused!.reason, /SERVER1 cannot reach contoso-CA1-CA/);
});

revocation('names the CAs of the lab when the command names another', () => {
  const refused = rejection(withCertificate(), {
    type: 'RevokeCertificate',
    serialNumber: certificate.serialNumber,
    reason: 'unspecified',
    ca: 'other-CA',
  });
  assert.is(refused?.code, 'not-found');
  assert.match(refused!.reason, /the lab has contoso-CA1-CA/);
});

revocation.run();
