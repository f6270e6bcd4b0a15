import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { drawCaIdentity } from '../../adapters/ca-identity.ts';
import { toPem } from '../../adapters/keystore/rsa.ts';
import { caCertificateProfile, KeyRef } from '../../domain/index.ts';
import { createLab } from '../../workflows/index.ts';
import { tempDir } from '../support/cli.ts';
import { memoryPorts } from '../support/ports.ts';
import { tool } from '../support/served.ts';
import { startsAt } from '../support/world.ts';

const identity = suite("adapters/ca-identity: every lab's CA has its own serial, so NSS takes several labs");

const labCa = async () => {
  const lab = await createLab(memoryPorts(), 'lab', {
    startsAt,
    ca: { edition: 'enterprise', os: 'windows-server-2008' },
    identity: drawCaIdentity(),
  });
  return Object.values(lab.world.ca.authorities)[0]!;
};

/** A fresh NSS database and certutil -A of each PEM, in order; the exit code and message of each import. */
const importAll = async (pems: readonly string[]) => {
  const folder = await tempDir('pkilab-nss-');
  await tool('certutil', ['-d', `sql:${folder}`, '-N', '--empty-password']);
  const results = [];
  for (const [i, pem] of pems.entries()) {
    const file = join(folder, `ca${i}.pem`);
    await writeFile(file, pem);
    results.push(await tool('certutil', ['-d', `sql:${folder}`, '-A', '-t', 'C,,', '-n', `lab ${i}`, '-i', file]));
  }
  const list = await tool('certutil', ['-d', `sql:${folder}`, '-L']);
  return { results, list: list.stdout };
};

identity('the drawn serial is 16 bytes with a first byte of 01-7f (a positive integer of full length)', () => {
  for (let i = 0; i < 200; i += 1) assert.match(drawCaIdentity().caSerial, /^(0[1-9a-f]|[1-7][0-9a-f])[0-9a-f]{30}$/);
  assert.is.not(drawCaIdentity().caSerial, drawCaIdentity().caSerial);
});

identity("two labs' CA certificates (same name, own serials) go into one NSS database with certutil", async () => {
  const [a, b] = [await labCa(), await labCa()];
  const { results, list } = await importAll([toPem('CERTIFICATE', a.certificate), toPem('CERTIFICATE', b.certificate)]);
  for (const r of results) assert.is(r.code, 0, r.stderr);
  assert.match(list, /lab 0 +C,,/);
  assert.match(list, /lab 1 +C,,/);
});

identity('control: two CA certificates sharing issuer and serial (as every lab had) are refused by NSS', async () => {
  const ports = memoryPorts();
  const pems = [];
  for (const ref of [KeyRef('one'), KeyRef('two')]) {
    const publicKey = await ports.keys.generate(ref, 2048);
    const { der } = await ports.signer.sign(
      caCertificateProfile({ startsAt, keyRef: ref, publicKey, serialNumber: '1f2a4c6e8b0d3f5a7c9e1b3d5f7a9c2e', signatureHash: 'sha1' }),
    );
    pems.push(toPem('CERTIFICATE', der));
  }
  const { results } = await importAll(pems);
  assert.is(results[0]!.code, 0);
  assert.is.not(results[1]!.code, 0);
  assert.match(results[1]!.stderr, /SEC_ERROR_REUSED_ISSUER_AND_SERIAL/);
});

identity.run();
