import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabPorts } from '../../workflows/index.ts';
import { memoryEventStore } from '../eventstore/memory.ts';
import { overlayKeyStore } from '../keystore/overlay.ts';
import { opensslPfxFiles } from '../pfx/openssl.ts';
import { overlaySecretStore } from '../secrets/overlay.ts';
import { x509Signer } from '../x509/signer.ts';
import type { LabSource } from './source.ts';

// Apart from source.ts so that opening a log does not load the signer and the PFX writer: only what-if and fork use them.
/** Ports for deciding a log again without touching the original lab: memory log, keys and secrets read through. */
export const redecisionPorts = (source: LabSource, onStandIn: (ref: string) => void): LabPorts => {
  const keys = overlayKeyStore(source.keys, onStandIn);
  const secrets = overlaySecretStore(source.secrets ?? {}, (ref) => onStandIn(`${ref} (a PFX password)`));
  return {
    events: memoryEventStore(),
    keys,
    secrets,
    signer: x509Signer(keys),
    pfx: opensslPfxFiles(mkdtempSync(join(tmpdir(), 'pkilab-whatif-')), keys, secrets),
  };
};
