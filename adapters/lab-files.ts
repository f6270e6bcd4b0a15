import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LabPorts } from '../workflows/index.ts';
import { jsonlEventStore } from './eventstore/jsonl.ts';
import { fileKeyStore } from './keystore/files.ts';
import { opensslPfxFiles } from './pfx/openssl.ts';
import { x509Signer } from './x509/signer.ts';

/** Where a lab lives on disk: the log, the key store beside it, and the exported artifacts. */
export interface LabFolder {
  readonly root: string;
  readonly log: string;
  readonly keys: string;
  readonly artifacts: string;
  readonly exports: string;
  readonly labId: string;
}

export const labFolder = (root: string): LabFolder => {
  const absolute = resolve(root);
  return { root: absolute, log: join(absolute, 'lab.jsonl'), keys: join(absolute, 'keys'), artifacts: join(absolute, 'artifacts'), exports: join(absolute, 'exports'), labId: 'lab' };
};

/** The composition root for a lab on disk: JSONL event store, file key store, X.509 signer. */
export const filePorts = (folder: LabFolder, onWarning?: (message: string) => void): LabPorts => {
  const keys = fileKeyStore(folder.keys);
  return { events: jsonlEventStore(folder.root, { onWarning }), keys, signer: x509Signer(keys), pfx: opensslPfxFiles(folder.exports, keys) };
};

/** Clears what a previous run left in the folder (log, keys, artifacts) so a run starts a fresh lab. */
export const resetLabFolder = async (folder: LabFolder): Promise<void> => {
  await Promise.all([folder.log, folder.keys, folder.artifacts, folder.exports].map((p) => rm(p, { recursive: true, force: true })));
};
