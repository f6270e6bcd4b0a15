import { memoryEventStore } from '../../adapters/eventstore/memory.ts';
import { memoryKeyStore } from '../../adapters/keystore/memory.ts';
import { x509Signer } from '../../adapters/x509/signer.ts';
import { opensslPfxFiles } from '../../adapters/pfx/openssl.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLab, type LabPorts } from '../../workflows/index.ts';
import { startsAt } from './world.ts';

export const memoryPorts = (): LabPorts => {
  const keys = memoryKeyStore();
  return { events: memoryEventStore(), keys, signer: x509Signer(keys), pfx: opensslPfxFiles(mkdtempSync(join(tmpdir(), 'pkilab-pfx-')), keys) };
};

/** A fresh lab on memory ports with the seed's enterprise CA. */
export const freshLab = async (ports: LabPorts = memoryPorts(), edition: 'enterprise' | 'standard' = 'enterprise') => ({
  ports,
  lab: await createLab(ports, 'lab', { startsAt, ca: { edition, os: 'windows-server-2008' } }),
});
