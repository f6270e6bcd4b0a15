import { basename, dirname, join, resolve } from 'node:path';
import type { Observable } from 'rxjs';
import type { LabPorts } from '../../workflows/index.ts';
import type { Artifacts } from '../artifacts.ts';
import { userKeys } from '../keypool/source.ts';
import { filePorts, labFolder, openExistingLab } from '../lab-files.ts';
import { StoreError } from './database.ts';
import { isPostgresUrl, maskPassword } from './url.ts';
import type { LabChange } from './follow.ts';
import { checkLabName } from './names.ts';
import { claimNewLab, localFolderOf, openPostgresStore, type PostgresStore } from './store.ts';
import { passphraseVariable, storeSealer } from './seal.ts';
import { fileSecretStore } from '../secrets/files.ts';

/** The store a command uses: `--store`, else PKILAB_STORE, else none (labs are JSONL files named by path). */
export const storeOption = (flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined =>
  flag || env.PKILAB_STORE || undefined;

/** Whether a command-line lab argument names a file (a `.jsonl` log or a `.json` bundle) rather than a lab in a store. */
export const isFileLab = (lab: string): boolean => /\.jsonl?$/.test(lab);

/** Opens the store a URL names; only PostgreSQL exists besides the JSONL files. Its labs take new keys from the user's key pool. */
export const openStore = async (spec: string, onWarning?: (message: string) => void): Promise<PostgresStore> => {
  if (!isPostgresUrl(spec)) {
    const expected = 'a PostgreSQL URL (postgres://user:password@host:5432/database)';
    throw new StoreError(
      'STORE_URL',
      `--store: expected ${expected}, found ${JSON.stringify(maskPassword(spec))}; JSONL labs need no store, name their lab.jsonl`,
    );
  }
  return openPostgresStore(spec, onWarning, userKeys());
};

/** A lab opened by name or path, whatever its store: what `serve`, `findings`, `travel` and `lab copy` need. */
interface OpenedLab {
  readonly ports: LabPorts;
  /** The id to give the event store. */
  readonly labId: string;
  /** Where the lab lives, for messages: a file path or `postgres://host/db#name`. */
  readonly where: string;
  /** The local folder for what the lab writes for the person (artifacts, exported PFX files). */
  readonly folder: string;
  /** Every secret of the lab (for copying or exporting it); `{}` when they cannot be read (said through onWarning). */
  secrets(): Promise<Record<string, string>>;
  /** The lab as it grows; only labs in a store can be followed (LISTEN/NOTIFY). */
  readonly follow?: () => Observable<LabChange>;
  /** Lets go of the lab (its writer lock, its connections). */
  close(): Promise<void>;
}

interface OpenLabOptions {
  /** A PostgreSQL URL; labs not named by file path need one. */
  readonly store?: string | undefined;
  /** Take the lab for writing: the writer lock of a JSONL lab (a store's labs take optimistic appends always). */
  readonly write?: boolean;
  readonly command?: string;
  readonly onWarning?: (message: string) => void;
}

/**
 * Opens a lab for reading (or writing, with `write`): `path/lab.jsonl` is a lab on disk (keys and secrets in
 * keys/ beside it); any other name is a lab in the store (`class1/student-01`).
 */
export const openLabByStore = async (lab: string, options: OpenLabOptions = {}): Promise<OpenedLab> => {
  const warn = options.onWarning ?? (() => undefined);
  if (isFileLab(lab)) {
    if (!lab.endsWith('.jsonl')) {
      throw new StoreError(
        'STORE_LAB_NAME',
        `${lab}: expected a lab log (.jsonl) or a lab name in a store, found an exported bundle; open it with pkilab travel`,
      );
    }
    const folder = labFolder(dirname(lab), basename(lab, '.jsonl'));
    const writer = options.write ? await openExistingLab(folder, options.command ?? 'pkilab', warn) : undefined;
    const ports = writer?.ports ?? filePorts(folder, warn);
    return {
      ports,
      labId: folder.labId,
      where: folder.log,
      folder: folder.root,
      secrets: () => fileSecretStore(folder.secrets).all(),
      close: async () => writer?.release(),
    };
  }
  if (!options.store) {
    throw new StoreError(
      'STORE_URL',
      `"${lab}" names a lab in a store, but no store is given: add --store postgres://… (or set PKILAB_STORE), or name a lab log (path/lab.jsonl)`,
    );
  }
  checkLabName(lab);
  const store = await openStore(options.store, warn);
  const ports = store.ports(lab);
  return {
    ports,
    labId: lab,
    where: store.events.where(lab),
    folder: resolve(localFolderOf(lab)),
    async secrets() {
      if (!process.env[passphraseVariable]) {
        warn(`${passphraseVariable} is not set: the secrets of ${store.events.where(lab)} stay sealed (stand-ins are used)`);
        return {};
      }
      return ports.secrets.all();
    },
    follow: () => store.follow(lab),
    close: () => store.close(),
  };
};

/** The events of a lab named by path or by name in a store, read once (the store is closed after). */
export const readLabEvents = async (lab: string, store: string | undefined, onWarning?: (message: string) => void) => {
  const opened = await openLabByStore(lab, { store, ...(onWarning ? { onWarning } : {}) });
  try {
    return await opened.ports.events.read(opened.labId);
  } finally {
    await opened.close();
  }
};

/**
 * A new lab `pkilab run` creates in a store (refused when the name is taken, unless `force`), shaped like a
 * lab folder's writer: artifacts and exports go to a local folder, the log, keys and secrets to the store.
 */
export const createStoreLab = async (spec: string, lab: string, options: { force: boolean; folder?: string | undefined }) => {
  const store = await openStore(spec);
  try {
    // A lab needs its keys sealed: a missing or wrong passphrase stops the command before anything is replaced.
    await storeSealer(store.db);
    await claimNewLab(store, checkLabName(lab), options.force);
  } catch (error) {
    await store.close();
    throw error;
  }
  const root = resolve(options.folder ?? localFolderOf(lab));
  const where = store.events.where(lab);
  return {
    folder: { labId: lab, log: where, artifacts: join(root, 'artifacts'), keys: join(root, 'keys') },
    ports: store.ports(lab, root),
    /** The report names a sealed key by its place in the store: no key file is written for a store's lab. */
    sealedKeys: (artifacts: Artifacts): Artifacts => ({
      ...artifacts,
      certificates: artifacts.certificates.map((c) => ({ ...c, keyFile: `${where} (sealed key ${basename(c.keyFile, '.key')})` })),
    }),
    release: () => store.close(),
  };
};
