import { memoryEventStore } from '../../adapters/eventstore/memory.ts';
import { memoryKeyStore } from '../../adapters/keystore/memory.ts';
import { folderKeyPool } from '../../adapters/keypool/pool.ts';
import { generatedKeys, type KeySource } from '../../adapters/keystore/key-source.ts';
import { pooledKeys } from '../../adapters/keypool/source.ts';
import { x509Signer } from '../../adapters/x509/signer.ts';
import { opensslPfxFiles } from '../../adapters/pfx/openssl.ts';
import { memorySecretStore } from '../../adapters/secrets/memory.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLab, type KeyStore, type LabPorts } from '../../workflows/index.ts';
import { startsAt } from './world.ts';
import { drawCaIdentity } from '../../adapters/ca-identity.ts';
import { KeyRef } from '../../domain/index.ts';

/**
 * New keys for test labs: from the pool `npm test` fills in idle time (PKILAB_KEY_POOL, a folder of its own), or
 * generated on the spot when no pool is named, so that a test never touches the user's pool.
 */
export const testKeys: KeySource = process.env.PKILAB_KEY_POOL ? pooledKeys(folderKeyPool(process.env.PKILAB_KEY_POOL)) : generatedKeys;

export const memoryPorts = (): LabPorts => {
  const keys = memoryKeyStore(testKeys);
  const secrets = memorySecretStore();
  return {
    events: memoryEventStore(),
    keys,
    secrets,
    signer: x509Signer(keys),
    pfx: opensslPfxFiles(mkdtempSync(join(tmpdir(), 'pkilab-pfx-')), keys, secrets),
  };
};

/** A fresh lab on memory ports with the seed's enterprise CA. */
export const freshLab = async (ports: LabPorts = memoryPorts(), edition: 'enterprise' | 'standard' = 'enterprise') => ({
  ports,
  lab: await createLab(ports, 'lab', { startsAt, ca: { edition, os: 'windows-server-2008' }, identity: drawCaIdentity() }),
});

/**
 * A key store that hands out a few keys made once, for tests that run hundreds of labs: the keys are
 * real RSA keys, shared between references so that no test waits on key generation.
 */
export const pooledKeyStore = async (size = 3): Promise<KeyStore> => {
  const seedStore = memoryKeyStore(testKeys);
  const pool = await Promise.all(
    Array.from({ length: size }, async (_, i) => ({ ref: KeyRef(`pool-${i}`), spki: await seedStore.generate(KeyRef(`pool-${i}`), 2048) })),
  );
  const assigned = new Map<string, (typeof pool)[number]>();
  return {
    async generate(ref) {
      const reused = assigned.get(ref);
      if (reused) return reused.spki;
      const key = pool[assigned.size % pool.length]!;
      assigned.set(ref, key);
      return key.spki;
    },
    async privateKey(ref) {
      const key = assigned.get(ref);
      if (!key) throw new Error(`no pooled key was handed out as ${ref}`);
      return seedStore.privateKey(key.ref);
    },
    async put() {
      throw new Error('the pooled key store hands out keys; it does not take them');
    },
    async has(ref) {
      return assigned.has(ref);
    },
  };
};

/** Memory ports on the pooled key store: a store of the lab's own, or one several labs share (`keys`). */
export const pooledPorts = async (keys?: KeyStore): Promise<LabPorts> => {
  keys ??= await pooledKeyStore();
  const secrets = memorySecretStore();
  return {
    events: memoryEventStore(),
    keys,
    secrets,
    signer: x509Signer(keys),
    pfx: opensslPfxFiles(mkdtempSync(join(tmpdir(), 'pkilab-pfx-')), keys, secrets),
  };
};
