import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isKeyStoreError, type KeyStore } from '../../workflows/index.ts';
import { KeyRef } from '../../domain/index.ts';

const sharedKeys = new Map<string, { pkcs8: string }>();

/** The behaviour every KeyStore adapter must have; each adapter's test file runs it. */
export const keyStoreContract = (adapter: string, make: () => Promise<KeyStore>, donor: KeyStore) => {
  const contract = suite(`KeyStore contract: ${adapter}`);
  const donated = async (ref: KeyRef) => {
    if (!sharedKeys.has(ref)) {
      await donor.generate(ref, 2048);
      sharedKeys.set(ref, { pkcs8: await donor.privateKey(ref) });
    }
    return sharedKeys.get(ref)!.pkcs8;
  };

  contract('generates a key under a reference and gives its public half; the private half reads back', async () => {
    const store = await make();
    const spki = await store.generate(KeyRef('req-1-server1'), 2048);
    assert.ok(await store.has(KeyRef('req-1-server1')));
    const pkcs8 = await store.privateKey(KeyRef('req-1-server1'));
    const { createPrivateKey, createPublicKey } = await import('node:crypto');
    const derived = createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8, 'base64'), format: 'der', type: 'pkcs8' }))
      .export({ type: 'spki', format: 'der' })
      .toString('base64');
    assert.is(derived, spki);
  });

  contract('a key already under a reference (an append that never landed) is reused, not an error', async () => {
    const store = await make();
    const first = await store.generate(KeyRef('req-2-client1'), 2048);
    assert.is(await store.generate(KeyRef('req-2-client1'), 2048), first);
  });

  contract('a missing key is KEYSTORE_KEY_MISSING', async () => {
    const store = await make();
    assert.not.ok(await store.has(KeyRef('nothing')));
    try {
      await store.privateKey(KeyRef('nothing'));
      assert.unreachable();
    } catch (error) {
      assert.ok(isKeyStoreError(error, 'KEYSTORE_KEY_MISSING'), String(error));
    }
  });

  contract('put stores a key made elsewhere, accepts the same key again, and refuses a different one', async () => {
    const store = await make();
    const a = await donated(KeyRef('a'));
    const b = await donated(KeyRef('b'));
    await store.put(KeyRef('copied'), a);
    await store.put(KeyRef('copied'), a);
    assert.is(await store.privateKey(KeyRef('copied')), a);
    try {
      await store.put(KeyRef('copied'), b);
      assert.unreachable();
    } catch (error) {
      assert.ok(isKeyStoreError(error, 'KEYSTORE_KEY_EXISTS'), String(error));
    }
    assert.is(await store.privateKey(KeyRef('copied')), a);
  });

  return contract;
};
