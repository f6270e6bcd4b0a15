import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Thumbprint,
  KeyRef,
  SimTime,
  crlSchedule,
  crlStatus,
  decide,
  timed,
  reactionsTo,
  testNetwork,
  type CrlProfile,
  type LabEvent,
  type PublishedCrl,
  type World,
} from '../../domain/index.ts';
import { fold } from '../../projections/index.ts';
import { acceptedAt, issued, issuedCertificate, networkWithCrl, published, revoked } from '../support/crl.ts';
import { givenNetwork, record, startsAt } from '../support/world.ts';

const crl = suite('domain/ca CRL publication');

const monday = SimTime('2026-11-02T09:00:00.000Z');
const tuesday = SimTime('2026-11-03T09:00:00.000Z');
const wednesday = SimTime('2026-11-04T09:00:00.000Z');
const first = issuedCertificate(2, SimTime('2026-11-02T08:00:00.000Z'));
const second = issuedCertificate(3, SimTime('2026-11-02T08:00:00.000Z'));
const withCertificates = (world: World = givenNetwork()) => issued(issued(world, monday, first), monday, second);

const profile = (world: World, kind: 'base' | 'delta', at: SimTime): CrlProfile => {
  const decision = decide(timed({ type: 'PublishCrl', kind }, at), world);
  if (decision.kind !== 'sign-crl') throw new Error(`expected a CRL to sign, got ${decision.kind}`);
  return decision.draft.profile;
};
const labWith = networkWithCrl;
const latest = (world: World, kind: 'base' | 'delta'): PublishedCrl => world.ca.crls['contoso-CA1-CA']![kind]!;

crl('a base CRL is valid from ten minutes before publication until a week later plus a 10% overlap', () => {
  const base = profile(givenNetwork(), 'base', monday);
  assert.is(base.crlNumber, 1);
  assert.is(base.thisUpdate, '2026-11-02T08:50:00.000Z');
  assert.is(base.nextPublish, '2026-11-09T09:00:00.000Z');
  assert.is(base.nextUpdate, '2026-11-10T01:48:00.000Z');
  assert.is(base.signatureHash, 'sha1');
  assert.equal(base.issuer, [
    ['DC', 'com'],
    ['DC', 'contoso'],
    ['CN', 'contoso-CA1-CA'],
  ]);
});

crl('with deltas on, the base CRL says where the delta is (Freshest CRL: the + file and the LDAP delta attribute)', () => {
  const { freshest } = profile(givenNetwork(), 'base', monday);
  assert.equal(freshest, [
    'ldap:///CN=contoso-CA1-CA,CN=CA1,CN=CDP,CN=Public Key Services,CN=Services,CN=Configuration,DC=contoso,DC=com' +
      '?deltaRevocationList?base?objectClass=cRLDistributionPoint',
    'http://ca1.contoso.com/CertEnroll/contoso-CA1-CA+.crl',
  ]);
});

crl('the overlap is at least one hour, and an explicit overlap replaces the default', () => {
  const short = profile(labWith({ basePeriod: { count: 2, unit: 'hours' } }), 'base', monday);
  assert.is(short.nextUpdate, '2026-11-02T12:00:00.000Z');
  const explicit = profile(labWith({ baseOverlap: { count: 2, unit: 'days' } }), 'base', monday);
  assert.is(explicit.nextUpdate, '2026-11-11T09:00:00.000Z');
});

crl('monthly periods follow the calendar', () => {
  const monthly = profile(labWith({ basePeriod: { count: 1, unit: 'months' } }), 'base', SimTime('2026-01-31T09:00:00.000Z'));
  assert.is(monthly.nextPublish, '2026-03-03T09:00:00.000Z');
});

crl('the base CRL lists every revoked certificate with its date and reason; the delta completes it with later ones', () => {
  let world = revoked(withCertificates(), monday, first.serialNumber, 'keyCompromise');
  world = published(world, monday, 'base');
  world = revoked(world, tuesday, second.serialNumber, 'unspecified');
  const delta = profile(world, 'delta', tuesday);
  assert.equal(latest(world, 'base').entries, [{ serialNumber: first.serialNumber, revokedAt: monday, reason: 'keyCompromise' }]);
  assert.equal(delta.entries, [{ serialNumber: second.serialNumber, revokedAt: tuesday, reason: 'unspecified' }]);
  assert.is(delta.baseCrlNumber, 1);
  assert.is(delta.nextUpdate, '2026-11-04T11:24:00.000Z');
});

crl('base and delta CRLs share one CRL number sequence', () => {
  let world = published(givenNetwork(), monday, 'base');
  world = published(world, tuesday, 'delta');
  world = published(world, wednesday, 'base');
  assert.is(latest(world, 'base').crlNumber, 3);
  assert.is(latest(world, 'delta').crlNumber, 2);
  assert.is(profile(world, 'delta', wednesday).baseCrlNumber, 3);
});

crl('a certificate held in the base and revoked for good later appears in the delta with its new reason', () => {
  let world = published(revoked(withCertificates(), monday, first.serialNumber, 'certificateHold'), monday, 'base');
  world = revoked(world, tuesday, first.serialNumber, 'keyCompromise');
  assert.equal(
    profile(world, 'delta', tuesday).entries.map((e) => e.reason),
    ['keyCompromise'],
  );
});

crl('an expired revoked certificate leaves the CRL', () => {
  const shortLived = issuedCertificate(4, monday, 1);
  const world = revoked(issued(givenNetwork(), monday, shortLived), monday, shortLived.serialNumber);
  assert.is(profile(world, 'base', tuesday).entries.length, 1);
  assert.is(profile(world, 'base', wednesday).entries.length, 0);
});

crl('without deltas the base CRL has no Freshest CRL and a delta is refused', () => {
  const world = labWith({ deltaPeriod: null });
  assert.equal(profile(world, 'base', monday).freshest, []);
  const decision = decide(timed({ type: 'PublishCrl', kind: 'delta' }, tuesday), published(world, monday, 'base'));
  assert.is(decision.kind === 'rejected' && decision.rejection.code, 'not-configured');
});

crl('a delta needs a base to complete', () => {
  const decision = decide(timed({ type: 'PublishCrl', kind: 'delta' }, monday), givenNetwork());
  assert.match(decision.kind === 'rejected' ? decision.rejection.reason : '', /no base CRL/);
});

crl('a stopped CA publishes nothing: 0x800706BA', () => {
  const decision = decide(
    timed({ type: 'PublishCrl', kind: 'base' }, tuesday),
    acceptedAt(givenNetwork(), monday, { type: 'StopCaService' }),
  );
  assert.is(decision.kind === 'rejected' && decision.rejection.code, '0x800706BA');
});

crl("a base and its delta folded in one batch both stay in the CA's history", () => {
  const base = published(givenNetwork(), monday, 'base');
  const delta = published(base, monday, 'delta');
  const events = [base, delta].map((w) => ({ type: 'CrlPublished', data: latest(w, w === base ? 'base' : 'delta') }) as LabEvent);
  const world = fold(record(events, givenNetwork().position, monday), givenNetwork());
  assert.equal([latest(world, 'base').crlNumber, latest(world, 'delta').crlNumber], [1, 2]);
  assert.equal(world.ca.crls['contoso-CA1-CA']!.published, { base: 1, delta: 1 });
});

crl('a base CRL published while deltas are on is followed by its delta, with the same trigger', () => {
  const world = published(givenNetwork(), monday, 'base');
  const event = { type: 'CrlPublished', data: latest(world, 'base') } as LabEvent;
  assert.equal(reactionsTo(event), [{ type: 'PublishCrl', ca: 'contoso-CA1-CA', kind: 'delta', trigger: 'administrator' }]);
});

crl.run();

const schedule = suite('domain/ca CRL schedule');
const next = (world: World) => crlSchedule(world).map((due) => [due.command.kind, due.at]);

schedule('the first base CRL is due as the CA is installed', () => {
  assert.equal(next(givenNetwork()), [['base', startsAt]]);
});

schedule('a delta that does not complete the current base is due at once, then every day, the base every week', () => {
  let world = published(givenNetwork(), monday, 'base');
  assert.equal(next(world), [['delta', monday]]);
  world = published(world, monday, 'delta');
  assert.equal(next(world), [['delta', tuesday]]);
  for (let day = 3; day <= 8; day += 1) world = published(world, SimTime(`2026-11-0${day}T09:00:00.000Z`), 'delta');
  assert.equal(next(world), [['base', '2026-11-09T09:00:00.000Z']]);
});

schedule('a publication that fell due while the CA was stopped is due when it starts again, not in the past', () => {
  const stopped = acceptedAt(published(published(givenNetwork(), monday, 'base'), monday, 'delta'), monday, { type: 'StopCaService' });
  const started = acceptedAt(stopped, SimTime('2026-11-12T09:00:00.000Z'), { type: 'StartCaService' });
  assert.equal(next(started), [['base', '2026-11-12T09:00:00.000Z']]);
});

schedule('a stopped CA, and a CA recorded before CRLs existed, schedule nothing', () => {
  assert.equal(next(acceptedAt(givenNetwork(), monday, { type: 'StopCaService' })), []);
  const { crl: _, ...legacy } = givenNetwork().ca.authorities['contoso-CA1-CA']!;
  const material = { keyRef: KeyRef('ca'), certificate: 'AA==', thumbprint: Thumbprint('CA'), serialTickBase: 0 };
  const events = testNetwork(startsAt, { edition: 'enterprise', os: 'windows-server-2008' }, material).map(
    (e): LabEvent => (e.type === 'CaInstalled' ? { type: 'CaInstalled', data: { authority: legacy } } : e),
  );
  assert.equal(next(fold(record(events))), []);
});

schedule("the CRLs expire when nobody publishes: the status turns expired after the delta's next update", () => {
  let world = published(published(givenNetwork(), monday, 'base'), monday, 'delta');
  const authority = world.ca.authorities['contoso-CA1-CA']!;
  assert.is(crlStatus(world, authority, tuesday).state, 'current');
  const status = crlStatus(world, authority, SimTime('2026-11-03T11:25:00.000Z'));
  assert.is(status.state, 'expired');
  assert.equal(status.state === 'expired' && status.expired.map((c) => c.kind), ['delta']);
  world = acceptedAt(world, tuesday, { type: 'StopCaService' });
  assert.equal(next(world), []);
  const weekLater = crlStatus(world, authority, SimTime('2026-11-11T00:00:00.000Z'));
  assert.equal(weekLater.state === 'expired' && weekLater.expired.map((c) => c.kind), ['base', 'delta']);
});

schedule.run();
