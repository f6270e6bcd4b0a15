import { access, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LabPorts } from '../workflows/index.ts';
import { jsonlEventStore } from './eventstore/jsonl.ts';
import { lockLab, type WriterLock } from './eventstore/lock.ts';
import { ensureFolder, modes, writeFileAtomic } from './files/atomic.ts';
import { fileKeyStore } from './keystore/files.ts';
import { userKeys } from './keypool/source.ts';
import { opensslPfxFiles } from './pfx/openssl.ts';
import { fileSecretStore } from './secrets/files.ts';
import { x509Signer } from './x509/signer.ts';

/** Where a lab lives on disk: the log, the key store and secrets beside it, and the exported artifacts. */
export interface LabFolder {
  readonly root: string;
  readonly log: string;
  readonly keys: string;
  readonly secrets: string;
  readonly artifacts: string;
  readonly exports: string;
  /** The file that says pkilab made this folder, so that a later run may replace what it wrote there. */
  readonly marker: string;
  readonly labId: string;
}

export const labFolder = (root: string, labId = 'lab'): LabFolder => {
  const absolute = resolve(root);
  return {
    root: absolute,
    log: join(absolute, `${labId}.jsonl`),
    keys: join(absolute, 'keys'),
    secrets: join(absolute, 'keys', 'secrets.json'),
    artifacts: join(absolute, 'artifacts'),
    exports: join(absolute, 'exports'),
    marker: join(absolute, '.pkilab-lab'),
    labId,
  };
};

/** A lab folder that cannot be used as asked (it holds a lab, or pkilab did not make it). Exit 2 in the CLI. */
export class LabFolderError extends Error {
  readonly code = 'LAB_FOLDER_OCCUPIED';
}

/** The ports of a lab on disk. With a writer lock the log can be written; without one it is read-only. */
export const filePorts = (folder: LabFolder, onWarning?: (message: string) => void, lock?: WriterLock): LabPorts => {
  // Keys the pool places are flushed (one folder fsync) before the append of the events that name them.
  const keys = fileKeyStore(folder.keys, userKeys(), { deferSync: true });
  const secrets = fileSecretStore(folder.secrets);
  const events = jsonlEventStore(folder.root, { onWarning, ...(lock ? { lock } : {}) });
  return {
    events: { ...events, append: async (...args) => (await keys.flush(), events.append(...args)) },
    keys,
    secrets,
    signer: x509Signer(keys),
    pfx: opensslPfxFiles(folder.exports, keys, secrets),
  };
};

/** An open lab for writing: its ports and the lock that makes this process its only writer. */
export interface LabWriter {
  readonly folder: LabFolder;
  readonly ports: LabPorts;
  release(): Promise<void>;
}

const markerFormat = 'pkilab-lab-folder/1';
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** The names pkilab writes in a lab folder: all it may ever remove there. */
const written = (folder: LabFolder) => [
  folder.log,
  folder.keys,
  folder.artifacts,
  folder.exports,
  join(folder.root, 'session-scenario.yaml'),
];

/** Whether the folder already holds a lab, and whether pkilab marked it as one of its own. */
export const labIn = async (folder: LabFolder): Promise<{ occupied: boolean; marked: boolean }> => {
  const found = await Promise.all(written(folder).map(exists));
  const marked = await readFile(folder.marker, 'utf8').then(
    (text) => (JSON.parse(text) as { format?: unknown }).format === markerFormat,
    () => false,
  );
  return { occupied: found.some(Boolean), marked };
};

export type Replace = 'never' | 'marked' | 'force';

/**
 * Takes the writer lock of a lab folder and makes it ready for a new lab. A folder that already holds a lab
 * is left alone (LabFolderError) unless `replace` allows it: `marked` replaces a lab pkilab itself made
 * there (its own scratch space), `force` any lab; only the files pkilab writes are removed, nothing else.
 */
export const openNewLab = async (
  folder: LabFolder,
  command: string,
  replace: Replace,
  onWarning?: (m: string) => void,
): Promise<LabWriter> => {
  await ensureFolder(folder.root);
  const lock = await lockLab(folder.log, command);
  try {
    const { occupied, marked } = await labIn(folder);
    if (occupied && (replace === 'never' || (replace === 'marked' && !marked))) {
      throw new LabFolderError(
        replace === 'never'
          ? `${folder.root} already holds a lab (${folder.log}); choose another folder, or add --force to replace it (its log, keys, secrets, artifacts and exports are deleted)`
          : `${folder.root} holds files pkilab did not make as a lab of its own; choose another folder, or add --force to replace its log, keys, artifacts and exports`,
      );
    }
    if (occupied) await Promise.all(written(folder).map((p) => rm(p, { recursive: true, force: true })));
    await writeFileAtomic(folder.marker, `${JSON.stringify({ format: markerFormat, by: command })}\n`, modes.shared);
  } catch (error) {
    await lock.release();
    throw error;
  }
  return { folder, ports: filePorts(folder, onWarning, lock), release: () => lock.release() };
};

/** Takes the writer lock of an existing lab folder to continue its lab. */
export const openExistingLab = async (folder: LabFolder, command: string, onWarning?: (m: string) => void): Promise<LabWriter> => {
  const lock = await lockLab(folder.log, command);
  return { folder, ports: filePorts(folder, onWarning, lock), release: () => lock.release() };
};
