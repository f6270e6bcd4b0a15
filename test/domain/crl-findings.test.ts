import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HostName, SimTime, evaluateFindings, type World } from '../../domain/index.ts';
import { acceptedAt, givenAt, issued, issuedCertificate, networkWithCrl, published, revoked } from '../support/crl.ts';
import { givenNetwork } from '../support/world.ts';

const findings = suite('domain/findings revocation');

const monday = SimTime('2026-11-02T09:00:00.000Z');
const certificate = issuedCertificate(2, monday);
/** The world as a reader sees it at a later simulated time, with nothing happening meanwhile. */
const atTime = (world: World, now: SimTime): World => ({ ...world, now });
const crlRules = (world: World) => evaluateFindings(world).filter((f) => /^OP-(CRL|REVOKED)/.test(f.rule));
const publishedLab = (world: World = givenNetwork()) =>
  published(published(issued(world, monday, certificate), monday, 'base'), monday, 'delta');
const binding = {
  host: 'SERVER1',
  site: 'Default Web Site',
  protocol: 'https',
  port: 443,
  thumbprint: certificate.thumbprint,
  previous: null,
} as const;
const bound = (world: World, at: SimTime) =>
  givenAt(world, at, { type: 'IisBindingChanged', data: { ...binding, host: HostName(binding.host) } });

findings('a CA whose base and delta CRLs are current raises nothing', () => {
  assert.equal(crlRules(atTime(publishedLab(), SimTime('2026-11-03T09:00:00.000Z'))), []);
});

findings('a CA that never published a CRL is reported: revocation checks fail with 0x80092013', () => {
  const [finding] = crlRules(givenNetwork());
  assert.is(finding?.rule, 'OP-CRL-NOT-PUBLISHED');
  assert.is(finding?.subject, 'ca:contoso-CA1-CA');
  assert.match(finding!.message, /0x80092013/);
  assert.is(finding?.fix.command, 'certutil -CRL');
});

findings('with the CA service stopped the CRLs expire, and the finding says why and how to recover', () => {
  const stopped = acceptedAt(publishedLab(), SimTime('2026-11-02T12:00:00.000Z'), { type: 'StopCaService' });
  assert.equal(crlRules(atTime(stopped, SimTime('2026-11-03T11:00:00.000Z'))), []);
  const [finding] = crlRules(atTime(stopped, SimTime('2026-11-03T11:30:00.000Z')));
  assert.is(finding?.rule, 'OP-CRL-EXPIRED');
  assert.is(finding?.severity, 'high');
  assert.match(finding!.message, /delta CRL #2 \(next update 2026-11-03T11:24:00.000Z\)/);
  assert.match(finding!.message, /stopped since 2026-11-02T12:00:00.000Z/);
  assert.is(finding?.fix.command, 'net start certsvc');
  assert.ok(finding!.causedBy.length > 0, 'the stop and the publications are named as causes');
});

findings('a CDP on a host the CA never publishes to is reported once the CA issues certificates', () => {
  const world = networkWithCrl({ cdp: ['http://pki.contoso.com/crl/<CaName><CRLNameSuffix><DeltaCRLAllowed>.crl'] });
  const [finding] = crlRules(publishedLab(world));
  assert.is(finding?.rule, 'OP-CRL-NOT-PUBLISHED');
  assert.match(finding!.message, /http:\/\/pki\.contoso\.com\/crl\/contoso-CA1-CA\.crl/);
  assert.match(finding!.message, /No CDP leads to a CRL/);
});

findings('a revoked certificate still bound in IIS is reported, and says when the CRL lists it', () => {
  const revokedBound = bound(
    revoked(publishedLab(), SimTime('2026-11-02T10:00:00.000Z'), certificate.serialNumber),
    SimTime('2026-11-02T10:00:00.000Z'),
  );
  const [before] = crlRules(revokedBound);
  assert.is(before?.rule, 'OP-REVOKED-BOUND');
  assert.is(before?.subject, `certificate:${certificate.thumbprint}`);
  assert.match(before!.message, /SERVER1 "Default Web Site" still presents/);
  assert.match(before!.message, /Once the next CRL lists it/);
  const [after] = crlRules(published(revokedBound, SimTime('2026-11-02T11:00:00.000Z'), 'delta'));
  assert.match(after!.message, /The current CRL lists it: .*0x80092010/);
});

findings('a revoked certificate near its expiry is not one to renew: no expiry finding', () => {
  const shortLived = issuedCertificate(5, monday, 10);
  const world = issued(publishedLab(), monday, shortLived);
  const expiring = (w: World) =>
    evaluateFindings(w)
      .filter((f) => f.rule === 'OP-CERTIFICATE-EXPIRING')
      .map((f) => f.subject);
  assert.equal(expiring(world), [`certificate:${shortLived.thumbprint}`]);
  assert.equal(expiring(revoked(world, monday, shortLived.serialNumber, 'cessationOfOperation')), []);
});

findings.run();
