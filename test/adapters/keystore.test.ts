import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fileKeyStore } from '../../adapters/keystore/files.ts';
import { memoryKeyStore } from '../../adapters/keystore/memory.ts';
import { isPortError } from '../../workflows/index.ts';
import { tempDir } from '../support/cli.ts';
import { keyStoreContract } from './keystore-contract.ts';

const donor = memoryKeyStore();
keyStoreContract('memory', async () => memoryKeyStore(), donor).run();
keyStoreContract('files', async () => fileKeyStore(join(await tempDir(), 'keys')), donor).run();

const files = suite('adapters/keystore files');

files('key files are 0600 in a 0700 folder even under umask 000, and no temporary file is left', async () => {
  const folder = join(await tempDir(), 'keys');
  const previous = process.umask(0);
  try {
    await fileKeyStore(folder).generate('ca', 2048);
  } finally {
    process.umask(previous);
  }
  assert.is((await stat(folder)).mode & 0o777, 0o700);
  assert.is((await stat(join(folder, 'ca.key'))).mode & 0o777, 0o600);
  assert.equal(await readdir(folder), ['ca.key']);
});

files('a reference that is not a plain file name is refused before any file is touched', async () => {
  const folder = join(await tempDir(), 'keys');
  for (const ref of ['../escape', '..', 'a/b', 'nul\u0000']) {
    try {
      await fileKeyStore(folder).generate(ref, 2048);
      assert.unreachable(ref);
    } catch (error) {
      assert.ok(isPortError(error, 'KEYSTORE_KEY_INVALID'), String(error));
    }
  }
});

files('an existing world-readable key file is never widened or rewritten by put', async () => {
  const folder = join(await tempDir(), 'keys');
  const store = fileKeyStore(folder);
  await store.generate('k', 2048);
  const pkcs8 = await store.privateKey('k');
  await writeFile(join(folder, 'k.key'), 'garbage');
  try {
    await store.put('k', pkcs8);
    assert.unreachable();
  } catch (error) {
    assert.ok(isPortError(error, 'KEYSTORE_KEY_EXISTS'), String(error));
  }
});

files.run();
