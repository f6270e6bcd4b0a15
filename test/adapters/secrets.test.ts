import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fileSecretStore } from '../../adapters/secrets/files.ts';
import { memorySecretStore } from '../../adapters/secrets/memory.ts';
import { overlaySecretStore } from '../../adapters/secrets/overlay.ts';
import { isSecretStoreError } from '../../workflows/index.ts';
import { tempDir } from '../support/cli.ts';
import { secretStoreContract } from './secrets-contract.ts';

secretStoreContract('memory', async () => memorySecretStore()).run();
secretStoreContract('file', async () => fileSecretStore(join(await tempDir(), 'keys', 'secrets.json'))).run();

const files = suite('adapters/secrets');

files('the secrets file is 0600 in a 0700 folder under umask 000, and replaces a wider existing file', async () => {
  const folder = join(await tempDir(), 'keys');
  const file = join(folder, 'secrets.json');
  const store = fileSecretStore(file);
  await store.seal('one-password');
  await writeFile(file, await readFile(file), { mode: 0o666 });
  const previous = process.umask(0);
  try {
    await store.seal('two-password');
  } finally {
    process.umask(previous);
  }
  assert.is((await stat(file)).mode & 0o777, 0o600);
  assert.is((await stat(folder)).mode & 0o777, 0o700);
});

files('a damaged secrets file is SECRETS_CORRUPT naming the file', async () => {
  const file = join(await tempDir(), 'secrets.json');
  await writeFile(file, '[1,2]');
  try {
    await fileSecretStore(file).reveal({ secret: 'x' });
    assert.unreachable();
  } catch (error) {
    assert.ok(isSecretStoreError(error, 'SECRETS_CORRUPT'));
    assert.match((error as Error).message, /secrets\.json/);
  }
});

files('the overlay never writes its base and gives a missing reference the same stand-in every time', async () => {
  const overlay = overlaySecretStore({ 'pfx-password-1': 'known' });
  assert.is(await overlay.reveal({ secret: 'pfx-password-1' }), 'known');
  const standIn = await overlay.reveal({ secret: 'pfx-password-2' });
  assert.is(await overlay.reveal({ secret: 'pfx-password-2' }), standIn);
  assert.equal(await overlay.seal('known'), { secret: 'pfx-password-1' });
});

files.run();
