import { KeyRef, SimTime } from '../../domain/index.ts';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fileKeyStore } from '../../adapters/keystore/files.ts';
import { memoryKeyStore } from '../../adapters/keystore/memory.ts';
import { isKeyStoreError } from '../../workflows/index.ts';
import { tempDir } from '../support/cli.ts';
import { keyStoreContract } from './keystore-contract.ts';
import { drawCaIdentity } from '../../adapters/ca-identity.ts';

const donor = memoryKeyStore();
keyStoreContract('memory', async () => memoryKeyStore(), donor).run();
keyStoreContract('files', async () => fileKeyStore(join(await tempDir(), 'keys')), donor).run();

const files = suite('adapters/keystore files');

files('key files are 0600 in a 0700 folder even under umask 000, and no temporary file is left', async () => {
  const folder = join(await tempDir(), 'keys');
  const previous = process.umask(0);
  try {
    await fileKeyStore(folder).generate(KeyRef('ca'), 2048);
  } finally {
    process.umask(previous);
  }
  assert.is((await stat(folder)).mode & 0o777, 0o700);
  assert.is((await stat(join(folder, 'ca.key'))).mode & 0o777, 0o600);
  assert.equal(await readdir(folder), ['ca.key']);
});

files('a reference that is not a plain file name is refused before any file is touched', async () => {
  const folder = join(await tempDir(), 'keys');
  for (const ref of ['../escape', '..', 'a/b', 'nul\u0000'].map(KeyRef)) {
    try {
      await fileKeyStore(folder).generate(ref, 2048);
      assert.unreachable(ref);
    } catch (error) {
      assert.ok(isKeyStoreError(error, 'KEYSTORE_KEY_INVALID'), String(error));
    }
  }
});

files('put never rewrites a key file that holds something else, even something unreadable', async () => {
  const folder = join(await tempDir(), 'keys');
  const store = fileKeyStore(folder);
  await store.generate(KeyRef('k'), 2048);
  const pkcs8 = await store.privateKey(KeyRef('k'));
  await writeFile(join(folder, 'k.key'), 'garbage');
  try {
    await store.put(KeyRef('k'), pkcs8);
    assert.unreachable();
  } catch (error) {
    assert.ok(isKeyStoreError(error, 'KEYSTORE_KEY_EXISTS'), String(error));
  }
});

files('a lab goes on over a key left by a crash before its append: the key is used, not refused', async () => {
  const { loadScenario } = await import('../../adapters/scenario/load.ts');
  const { filePorts, labFolder } = await import('../../adapters/lab-files.ts');
  const { lockLab } = await import('../../adapters/eventstore/lock.ts');
  const { createLab, runScenario } = await import('../../workflows/index.ts');
  const folder = labFolder(await tempDir());
  const lock = await lockLab(folder.log, 'test');
  try {
    const ports = filePorts(folder, undefined, lock);
    const scenario = await loadScenario('scenarios/iis-web-server-certificate.yaml');
    const lab = await createLab(ports, 'lab', {
      startsAt: scenario.lab.startsAt ?? SimTime('2026-11-02T09:00:00.000Z'),
      ca: scenario.lab.ca,
      identity: drawCaIdentity(),
    });
    // What a crash between key generation and the append leaves: the key of the next request, no event.
    const orphan = await ports.keys.generate(KeyRef('req-1-server1'), 2048);
    const run = await runScenario(ports, lab, scenario);
    assert.ok(run.ok, JSON.stringify(run.expectations.filter((e) => !e.ok)));
    const issued = Object.values(run.lab.world.ca.issued).find((c) => c.requestId === 1)!;
    const { X509Certificate } = await import('node:crypto');
    const spki = new X509Certificate(Buffer.from(issued.der, 'base64')).publicKey
      .export({ type: 'spki', format: 'der' })
      .toString('base64');
    assert.is(spki, orphan);
  } finally {
    await lock.release();
  }
});

files.run();
