import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { KeyRef, type RecordedEvent } from '../../domain/index.ts';
import type { KeyStore } from '../../workflows/index.ts';
import { readLogInChunks, type ChunkedLog } from '../eventstore/jsonl-chunks.ts';
import { createFileAtomic, modes, writeFileAtomic } from '../files/atomic.ts';
import { fileKeyStore } from '../keystore/files.ts';
import { memoryKeyStore } from '../keystore/memory.ts';
import { parseBundle, type LabBundle } from './bundle.ts';
import { fileSecretStore } from '../secrets/files.ts';
import { referencesOf } from '../lab-copy.ts';

export interface LabSource {
  readonly path: string;
  readonly events: readonly RecordedEvent[];
  /** The keys behind the log: the key store beside a JSONL log, or those a bundle carries. */
  readonly keys?: KeyStore;
  /** The secrets behind the log's references (PFX passwords), as far as they are known. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** A JSONL log still being read and checked: `events` grows until `reading.done` settles. */
  readonly reading?: ChunkedLog;
}

export class TravelError extends Error {
  readonly code = 'TRAVEL_INPUT';
}

const readBundle = async (path: string, onWarning: (w: string) => void): Promise<LabBundle> => {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    throw new TravelError(
      `${path}: expected a lab log (.jsonl) or an exported lab (.json), could not read it (${(error as Error).message})`,
    );
  }
  return checkBundle(path, json, onWarning);
};

/** A bundle's JSON checked as a log is when it opens (`path` names it in messages); TravelError when it is not one. */
const checkBundle = (path: string, json: unknown, onWarning: (w: string) => void): LabBundle => {
  if ((json as { format?: unknown } | null)?.format !== 'pkilab-lab/1') {
    throw new TravelError(
      `${path}: expected an exported lab (format pkilab-lab/1), found format ${JSON.stringify((json as { format?: unknown } | null)?.format) ?? 'none'}`,
    );
  }
  const parsed = parseBundle(path, json);
  for (const warning of parsed.warnings) onWarning(warning.message);
  if (!parsed.ok) {
    const [first, ...rest] = parsed.errors;
    throw new TravelError(`${first!.message}${rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : ''}`);
  }
  return parsed.bundle as LabBundle;
};

/**
 * Opens a lab log (`lab.jsonl`, keys in `keys/` beside it) or an exported bundle (`.json`), for reading only. A log
 * is returned once its first events are checked, with the rest still being read (`reading`); TravelError when it
 * holds no events.
 */
export const openSourceInChunks = async (path: string, onWarning: (w: string) => void, chunkBytes?: number): Promise<LabSource> => {
  if (!path.endsWith('.jsonl')) return bundleSource(path, await readBundle(path, onWarning));
  const reading = readLogInChunks(path, { onWarning, ...(chunkBytes ? { chunkBytes } : {}) });
  await reading.until(1);
  if (reading.events.length === 0) throw new TravelError(`${path} holds no events (is the path right?)`);
  return {
    path,
    events: reading.events,
    keys: fileKeyStore(join(dirname(path), 'keys')),
    secrets: await fileSecretStore(join(dirname(path), 'keys', 'secrets.json')).all(),
    reading,
  };
};

/** Opens a lab log or an exported bundle as `openSourceInChunks` does, once the whole log is read and checked. */
export const openSource = async (path: string, onWarning: (w: string) => void): Promise<LabSource> => {
  const source = await openSourceInChunks(path, onWarning);
  await source.reading?.done;
  const { reading: _done, ...whole } = source;
  return whole;
};

/** An exported lab's JSON (read from `name`, or received whole: the studio's uploads) as a source held in memory. */
export const openBundleJson = (name: string, json: unknown, onWarning: (w: string) => void): Promise<LabSource> =>
  bundleSource(name, checkBundle(name, json, onWarning));

const bundleSource = async (path: string, bundle: LabBundle): Promise<LabSource> => {
  const keys = memoryKeyStore();
  for (const [ref, pkcs8] of Object.entries(bundle.keys ?? {})) await keys.put(KeyRef(ref), pkcs8);
  return { path, events: bundle.events, keys, secrets: bundle.secrets ?? {} };
};

/**
 * Writes events 1..`to` as a self-contained bundle, whole or not at all. Keys and secrets are included
 * unless `withKeys` is false; a bundle with them is mode 0600. An existing file is replaced only with `force`.
 */
export const exportBundle = async (
  source: LabSource,
  out: string,
  options: { to?: number; withKeys: boolean; force?: boolean },
): Promise<LabBundle> => {
  const bundle = await bundleOf(source, options);
  const write = options.force ? writeFileAtomic : createFileAtomic;
  try {
    await write(out, `${JSON.stringify(bundle)}\n`, options.withKeys ? modes.secret : modes.shared);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new TravelError(`export: ${out} already exists; choose another name, or add --force to replace it`);
    throw error;
  }
  return bundle;
};

/** Events 1..`to` as a bundle, with the keys and secrets they refer to unless `withKeys` is false. */
export const bundleOf = async (source: LabSource, options: { to?: number | undefined; withKeys: boolean }): Promise<LabBundle> => {
  const events = source.events.slice(0, options.to ?? source.events.length);
  const refs = referencesOf(events);
  const keys: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  if (options.withKeys && source.keys)
    for (const ref of refs.keys) if (await source.keys.has(ref)) keys[ref] = await source.keys.privateKey(ref);
  if (options.withKeys) for (const ref of refs.secrets) if (source.secrets?.[ref] !== undefined) secrets[ref] = source.secrets[ref];
  return { format: 'pkilab-lab/1', source: source.path, events, ...(options.withKeys ? { keys, secrets } : {}) };
};
