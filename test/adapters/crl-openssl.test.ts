import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { drawCaIdentity } from '../../adapters/ca-identity.ts';
import { writeCertEnroll } from '../../adapters/cert-enroll.ts';
import { toPem } from '../../adapters/keystore/rsa.ts';
import { loadScenario } from '../../adapters/scenario/load.ts';
import { SimTime, timed, type CaSetup, type LabCommand, type World } from '../../domain/index.ts';
import { execute } from '../../workflows/execute.ts';
import { createLab, runScenario, type LabPorts } from '../../workflows/index.ts';
import { memoryPorts, pooledPorts } from '../support/ports.ts';

/**
 * Real clients against the lab's CRLs: openssl checks the CRL's signature with the CA certificate, and
 * `verify -crl_check` decides on a certificate the IIS procedure issued, before and after its revocation.
 */
const crl = suite('CRLs checked by openssl');

const openssl = (...args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' });
const startsAt = SimTime('2026-11-02T09:00:00.000Z');
const crlText = (folder: string, name = 'contoso-CA1-CA.crl') =>
  execFileSync('openssl', ['crl', '-in', join(folder, 'CertEnroll', name), '-noout', '-text'], { encoding: 'utf8' });

/** The seed's IIS web server certificate in a fresh lab, and a folder for the lab's artifacts. */
const iisLab = async (ports: LabPorts, ca: CaSetup = { edition: 'enterprise', os: 'windows-server-2008' }) => {
  const lab = await createLab(ports, 'lab', { startsAt, ca, identity: drawCaIdentity() });
  const run = await runScenario(ports, lab, await loadScenario('scenarios/iis-web-server-certificate.yaml'));
  const folder = mkdtempSync(join(tmpdir(), 'pkilab-crl-'));
  const issued = Object.values(run.lab.world.ca.issued).find((c) => c.template === 'ConfigMgrWebServerCertificate')!;
  const authority = Object.values(run.lab.world.ca.authorities)[0]!;
  writeFileSync(join(folder, 'ca.pem'), toPem('CERTIFICATE', authority.certificate));
  writeFileSync(join(folder, 'server1.pem'), toPem('CERTIFICATE', issued.der));
  return { world: run.lab.world, folder, issued };
};

/** Carries out an administrator's command, as the stepper and scenarios do. */
const administer = async (ports: LabPorts, world: World, command: LabCommand, at: SimTime): Promise<World> => {
  const outcome = await execute(ports, world, timed(command, at));
  if (!('events' in outcome)) throw new Error(`${command.type} refused: ${outcome.reason}`);
  return outcome.world;
};

const epoch = (at: SimTime) => String(Math.floor(Date.parse(at) / 1000));
/** openssl verify at a simulated time (the lab's clock, not the machine's: `-attime`). */
const verifyAt = (at: SimTime, folder: string, ...extra: string[]) =>
  openssl(
    'verify',
    '-crl_check',
    '-attime',
    epoch(at),
    '-CAfile',
    join(folder, 'ca.pem'),
    '-CRLfile',
    join(folder, 'CertEnroll', 'contoso-CA1-CA.crl'),
    ...extra,
    join(folder, 'server1.pem'),
  );
const verify = (folder: string, ...extra: string[]) => verifyAt(SimTime('2026-11-02T14:00:00.000Z'), folder, ...extra);

const ports = await pooledPorts();
const lab = await iisLab(ports);
await writeCertEnroll(lab.world, lab.folder);

crl('openssl crl -verify accepts the base and the delta CRL with the CA certificate', () => {
  for (const name of ['contoso-CA1-CA.crl', 'contoso-CA1-CA+.crl']) {
    const checked = openssl('crl', '-in', join(lab.folder, 'CertEnroll', name), '-CAfile', join(lab.folder, 'ca.pem'), '-verify', '-noout');
    assert.match(checked.stderr + checked.stdout, /verify OK/, name);
  }
});

crl("the base CRL carries AD CS's extensions, signed with the hash of the CA's certificates", () => {
  const text = crlText(lab.folder);
  assert.match(text, /Signature Algorithm: sha1WithRSAEncryption/);
  assert.match(text, /X509v3 Authority Key Identifier/);
  assert.match(text, /1\.3\.6\.1\.4\.1\.311\.21\.1:/);
  assert.match(text, /X509v3 CRL Number: \n\s+1\n/);
  assert.match(text, /1\.3\.6\.1\.4\.1\.311\.21\.4:/);
  assert.match(text, /X509v3 Freshest CRL:[\s\S]*URI:http:\/\/ca1\.contoso\.com\/CertEnroll\/contoso-CA1-CA\+\.crl/);
  const delta = crlText(lab.folder, 'contoso-CA1-CA+.crl');
  assert.match(delta, /X509v3 Delta CRL Indicator: critical\n\s+1\n/);
  assert.match(delta, /X509v3 CRL Number: \n\s+2\n/);
});

crl('verify -crl_check passes for the IIS certificate while nothing is revoked', () => {
  const result = verify(lab.folder);
  assert.is(result.status, 0, result.stderr);
  assert.match(result.stdout, /server1\.pem: OK/);
});

crl('after a revocation the next base CRL makes verify fail with "certificate revoked"', async () => {
  const at = SimTime('2026-11-02T12:00:00.000Z');
  const revoke: LabCommand = { type: 'RevokeCertificate', serialNumber: lab.issued.serialNumber, reason: 'keyCompromise' };
  let world = await administer(ports, lab.world, revoke, at);
  const folder = mkdtempSync(join(tmpdir(), 'pkilab-crl-'));
  writeFileSync(join(folder, 'ca.pem'), toPem('CERTIFICATE', world.ca.authorities['contoso-CA1-CA']!.certificate));
  writeFileSync(join(folder, 'server1.pem'), toPem('CERTIFICATE', lab.issued.der));
  await writeCertEnroll(world, folder);
  assert.is(verify(folder).status, 0, 'the revocation shows only once a CRL is published');
  world = await administer(ports, world, { type: 'PublishCrl', kind: 'base' }, SimTime('2026-11-02T12:05:00.000Z'));
  await writeCertEnroll(world, folder);
  const result = verify(folder);
  assert.is.not(result.status, 0);
  assert.match(result.stderr + result.stdout, /certificate revoked/);
  const listed = crlText(folder);
  assert.match(listed, new RegExp(`Serial Number: ${lab.issued.serialNumber.toUpperCase()}[\\s\\S]*Key Compromise`));
});

crl('a delta CRL alone carries a revocation made since the base (verify -use_deltas)', async () => {
  const revoke: LabCommand = { type: 'RevokeCertificate', serialNumber: lab.issued.serialNumber, reason: 'superseded' };
  const world = await administer(ports, lab.world, revoke, SimTime('2026-11-02T13:00:00.000Z'));
  const published = await administer(ports, world, { type: 'PublishCrl', kind: 'delta' }, SimTime('2026-11-02T13:05:00.000Z'));
  await writeCertEnroll(published, lab.folder + '-delta');
  writeFileSync(join(lab.folder + '-delta', 'ca.pem'), toPem('CERTIFICATE', published.ca.authorities['contoso-CA1-CA']!.certificate));
  writeFileSync(join(lab.folder + '-delta', 'server1.pem'), toPem('CERTIFICATE', lab.issued.der));
  const base = verify(lab.folder + '-delta');
  assert.is(base.status, 0, 'the base CRL still shows it valid');
  const deltaFile = join(lab.folder + '-delta', 'CertEnroll', 'contoso-CA1-CA+.crl');
  const withDelta = verify(lab.folder + '-delta', '-use_deltas', '-CRLfile', deltaFile);
  assert.match(withDelta.stderr + withDelta.stdout, /certificate revoked/);
});

crl('verified after the base CRL\'s next update (-attime), openssl reports "CRL has expired"', () => {
  const base = lab.world.ca.crls['contoso-CA1-CA']!.base!;
  const before = verifyAt(SimTime('2026-11-09T12:00:00.000Z'), lab.folder);
  assert.is(before.status, 0, before.stderr);
  const after = verifyAt(SimTime(new Date(Date.parse(base.nextUpdate) + 60_000).toISOString()), lab.folder);
  assert.is.not(after.status, 0);
  assert.match(after.stderr + after.stdout, /CRL has expired/);
});

crl('a CA set up with a KSP and SHA-256 signs its CRLs with SHA-256', async () => {
  const setup: CaSetup = { edition: 'enterprise', os: 'windows-server-2008-r2', provider: 'ksp', hashAlgorithm: 'sha256' };
  const ksp = await iisLab(memoryPorts(), setup);
  await writeCertEnroll(ksp.world, ksp.folder);
  const text = crlText(ksp.folder);
  assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
  assert.is(verify(ksp.folder).status, 0);
});

crl.run();
