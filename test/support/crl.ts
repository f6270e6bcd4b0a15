import {
  KeyRef,
  Thumbprint,
  SimTime,
  addDays,
  contoso,
  crlPublishedEvent,
  decide,
  timed,
  defaultCrlSettings,
  testNetwork,
  type CrlSettings,
  type Decision,
  type IssuedCertificate,
  type LabCommand,
  type LabEvent,
  type RevocationReason,
  type World,
} from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import { record, startsAt } from './world.ts';

const outcome = (decision: Decision) => `${decision.kind}: ${decision.kind === 'rejected' ? decision.rejection.reason : ''}`;

/** The test network (placeholder CA material) with a CA whose CRL settings differ from setup's. */
export const networkWithCrl = (crl: Partial<CrlSettings>): World =>
  fold(
    record(
      testNetwork(
        startsAt,
        { edition: 'enterprise', os: 'windows-server-2008', crl: { ...defaultCrlSettings, ...crl } },
        { keyRef: KeyRef('ca'), certificate: 'AA==', thumbprint: Thumbprint('CA'), serialTickBase: 0 },
      ),
    ),
  );

/** Folds events into the world at simulated time `at` (the world's clock moves to it). */
export const givenAt = (world: World, at: SimTime, ...events: LabEvent[]): World => fold(record(events, world.position, at), world);

/** A certificate in the CA's database, without real DER: enough for the deciders. */
export const issuedCertificate = (requestId: number, issuedAt: SimTime, validityDays = 365): IssuedCertificate => ({
  requestId,
  serialNumber: `1a2b3c4d0000${requestId.toString(16).padStart(8, '0')}`,
  thumbprint: Thumbprint(`T${requestId}`.padEnd(40, '0')),
  ca: contoso.caName,
  template: 'WebServer',
  templateSchemaVersion: 1,
  requester: 'SERVER1',
  subject: 'CN=server1.internal.contoso.com',
  dnsNames: ['server1.internal.contoso.com'],
  upns: [],
  ekus: ['1.3.6.1.5.5.7.3.1'],
  applicationPolicies: [],
  notBefore: issuedAt,
  notAfter: addDays(issuedAt, validityDays),
  keyRef: KeyRef(`req-${requestId}`),
  keySize: 2048,
  keyProvider: 'csp',
  exportableKey: false,
  der: 'AA==',
});

export const issued = (world: World, at: SimTime, certificate: IssuedCertificate): World =>
  givenAt(world, at, { type: 'CertificateIssued', data: { certificate } });

/** Decides a command that must be accepted and folds its events at `at`. */
export const acceptedAt = (world: World, at: SimTime, command: LabCommand): World => {
  const decision = decide(timed(command, at), world);
  if (decision.kind !== 'accepted') throw new Error(`${command.type} was ${outcome(decision)}`);
  return givenAt(world, at, ...decision.events);
};

export const revoked = (world: World, at: SimTime, serialNumber: string, reason: RevocationReason = 'keyCompromise'): World =>
  acceptedAt(world, at, { type: 'RevokeCertificate', serialNumber, reason });

/** Publishes a CRL of `kind` at `at` as the engine would, with a stand-in signature. */
export const published = (world: World, at: SimTime, kind: 'base' | 'delta'): World => {
  const decision = decide(timed({ type: 'PublishCrl', kind }, at), world);
  if (decision.kind !== 'sign-crl') throw new Error(`PublishCrl ${kind} was ${outcome(decision)}`);
  return givenAt(world, at, crlPublishedEvent(decision.draft, 'AA=='));
};
