import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isSecretStoreError, type SecretStore } from '../../workflows/index.ts';

/** The behaviour every SecretStore adapter must have; each adapter's test file runs it. */
export const secretStoreContract = (adapter: string, make: () => Promise<SecretStore>) => {
  const contract = suite(`SecretStore contract: ${adapter}`);
  contract('seals a secret into a reference that does not contain it, and reveals it again', async () => {
    const store = await make();
    const ref = await store.seal('Pa55w.rd-CloudDP');
    assert.not.match(JSON.stringify(ref), /Pa55w/);
    assert.is(await store.reveal(ref), 'Pa55w.rd-CloudDP');
  });
  contract('the same secret gets the same reference; another gets another', async () => {
    const store = await make();
    const a = await store.seal('first-password');
    assert.equal(await store.seal('first-password'), a);
    assert.not.equal(await store.seal('second-password'), a);
  });
  contract('an unknown reference is SECRETS_MISSING', async () => {
    const store = await make();
    try {
      await store.reveal({ secret: 'pfx-password-9' });
      assert.unreachable();
    } catch (error) {
      assert.ok(isSecretStoreError(error, 'SECRETS_MISSING'), String(error));
    }
  });
  contract('put keeps a copied secret under its reference and refuses to change it', async () => {
    const store = await make();
    await store.put({ secret: 'pfx-password-7' }, 'copied-value');
    assert.is(await store.reveal({ secret: 'pfx-password-7' }), 'copied-value');
    try {
      await store.put({ secret: 'pfx-password-7' }, 'other');
      assert.unreachable();
    } catch (error) {
      assert.ok(isSecretStoreError(error, 'SECRETS_CORRUPT'), String(error));
    }
  });
  return contract;
};
