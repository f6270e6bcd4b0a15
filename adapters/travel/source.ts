import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { RecordedEvent } from '../../domain/index.ts';
import type { KeyStore, LabPorts } from '../../workflows/index.ts';
import { jsonlEventStore } from '../eventstore/jsonl.ts';
import { memoryEventStore } from '../eventstore/memory.ts';
import { fileKeyStore } from '../keystore/files.ts';
import { memoryKeyStore } from '../keystore/memory.ts';
import { overlayKeyStore } from '../keystore/overlay.ts';
import { opensslPfxFiles } from '../pfx/openssl.ts';
import { x509Signer } from '../x509/signer.ts';

/** A self-contained lab: its events and, unless left out, the private keys they refer to. */
export interface LabBundle {
  readonly format: 'pkilab-lab/1';
  readonly source: string;
  readonly events: readonly RecordedEvent[];
  readonly keys?: Readonly<Record<string, string>>;
}

export interface LabSource {
  readonly path: string;
  readonly events: readonly RecordedEvent[];
  /** The keys behind the log: the key store beside a JSONL log, or those a bundle carries. */
  readonly keys?: KeyStore;
}

export class TravelError extends Error {
  readonly code = 'TRAVEL_INPUT';
}

/** Opens a lab log (`lab.jsonl`, keys in `keys/` beside it) or an exported bundle (`.json`). */
export const openSource = async (path: string, onWarning: (w: string) => void): Promise<LabSource> => {
  if (path.endsWith('.jsonl')) {
    const events = await jsonlEventStore(dirname(path), { onWarning }).read(basename(path, '.jsonl'));
    if (events.length === 0) throw new TravelError(`${path} holds no events (is the path right?)`);
    return { path, events, keys: fileKeyStore(join(dirname(path), 'keys')) };
  }
  let bundle: LabBundle;
  try {
    bundle = JSON.parse(await readFile(path, 'utf8')) as LabBundle;
  } catch (error) {
    throw new TravelError(`${path}: expected a lab log (.jsonl) or an exported lab (.json), could not read it (${(error as Error).message})`);
  }
  if (bundle.format !== 'pkilab-lab/1' || !Array.isArray(bundle.events)) throw new TravelError(`${path}: expected an exported lab (format pkilab-lab/1), found format ${JSON.stringify(bundle.format)}`);
  const keys = memoryKeyStore();
  const imported = new Map(Object.entries(bundle.keys ?? {}));
  const store: KeyStore = { ...keys, privateKey: async (ref) => imported.get(ref) ?? keys.privateKey(ref), has: async (ref) => imported.has(ref) || keys.has(ref) };
  return { path, events: bundle.events, keys: store };
};

/** Ports for deciding a log again without touching the original lab: memory log, keys read through. */
export const redecisionPorts = (source: LabSource, onStandIn: (ref: string) => void): LabPorts => {
  const keys = overlayKeyStore(source.keys, onStandIn);
  return { events: memoryEventStore(), keys, signer: x509Signer(keys), pfx: opensslPfxFiles(mkdtempSync(join(tmpdir(), 'pkilab-whatif-')), keys) };
};

const keyRefsOf = (events: readonly RecordedEvent[]): string[] =>
  [...new Set(events.flatMap((e) => (e.type === 'CaInstalled' ? [e.data.authority.keyRef] : e.type === 'CertificateInstalled' ? [e.data.keyRef] : [])))];

/** Writes events 1..`to` as a self-contained bundle; keys are included unless `withKeys` is false. */
export const exportBundle = async (source: LabSource, out: string, options: { to?: number; withKeys: boolean }): Promise<LabBundle> => {
  const events = source.events.slice(0, options.to ?? source.events.length);
  const keys: Record<string, string> = {};
  if (options.withKeys && source.keys) for (const ref of keyRefsOf(events)) if (await source.keys.has(ref)) keys[ref] = await source.keys.privateKey(ref);
  const bundle: LabBundle = { format: 'pkilab-lab/1', source: source.path, events, ...(options.withKeys ? { keys } : {}) };
  await writeFile(out, `${JSON.stringify(bundle)}\n`, { mode: options.withKeys ? 0o600 : 0o644 });
  return bundle;
};
