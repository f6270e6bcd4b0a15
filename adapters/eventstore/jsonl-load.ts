// The JSON Lines store's view of one lab's log: read incrementally (only what was appended since), checked line by
// line, and, for the holder of the writer lock, with a torn last line cut off.
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedEvent } from '../../domain/index.ts';
import { eventStoreError } from '../../workflows/index.ts';
import { parseLines } from './jsonl-format.ts';
import { tornWarning, unchainedWarning } from './jsonl-warnings.ts';
import type { WriterLock } from './lock.ts';
import { logChecker, refuseBrokenLog, type LogChecker } from './validate.ts';

export interface JsonlOptions {
  /** Told of a torn last line (ignored by readers, cut by the writer) and of logs without integrity marks. */
  readonly onWarning?: (message: string) => void;
  /** This process's writer lock on the lab's log. Without it the store reads and never writes. */
  readonly lock?: WriterLock;
}

export interface Loaded {
  /** Checks every line as it is read (schemas, positions, time, certificates); holds the events that passed. */
  checker: LogChecker;
  reported: number;
  /** Bytes of complete lines, the inode they were read from, and the chain value after the last one. */
  size: number;
  inode: number;
  chain: number;
  chained: boolean;
  torn?: string;
}

/** One store's logs: its folder and options, each lab's loaded view, and the warnings already given. */
export interface JsonlLogs {
  readonly folder: string;
  readonly options: JsonlOptions;
  readonly cache: Map<string, Loaded>;
  readonly warned: Set<string>;
}

const empty = (path: string): Loaded => ({ checker: logChecker(path), reported: 0, size: 0, inode: -1, chain: 0, chained: false });
export const eventsOf = (loaded: Loaded): RecordedEvent[] => loaded.checker.result.events;

export const refuseIfBroken = (loaded: Loaded): void => refuseBrokenLog(loaded.checker);

export const pathOf = (logs: JsonlLogs, lab: string): string => {
  if (!/^[A-Za-z0-9._-]+$/.test(lab) || /^\.+$/.test(lab))
    throw eventStoreError('EVENTSTORE_LAB_ID_INVALID', `Lab id "${lab}" must be a plain file name (letters, digits, . _ -).`);
  return join(logs.folder, `${lab}.jsonl`);
};

const warnOnce = (logs: JsonlLogs, message: string): void => {
  if (!logs.warned.has(message)) logs.options.onWarning?.(message);
  logs.warned.add(message);
};

/** The file's text from byte `from` to byte `to`. */
const readSlice = async (path: string, from: number, to: number): Promise<string> => {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(to - from);
    await handle.read(buffer, 0, buffer.length, from);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
};

/** Brings the cached view up to the file: reads only what was appended since, or all of it if replaced. */
export const load = async (logs: JsonlLogs, lab: string): Promise<Loaded> => {
  const path = pathOf(logs, lab);
  const info = await stat(path).catch(() => undefined);
  let loaded = logs.cache.get(lab) ?? empty(path);
  if (!info) {
    if (loaded.inode !== -1) logs.cache.set(lab, (loaded = empty(path)));
    return loaded;
  }
  if (info.ino !== loaded.inode || info.size < loaded.size) loaded = { ...empty(path), inode: info.ino };
  if (info.size === loaded.size) return loaded;
  const text = await readSlice(path, loaded.size, info.size);
  const parsed = parseLines(path, text, eventsOf(loaded).length + 1, loaded.chain, loaded.chained);
  if (parsed.unchained > 0 && eventsOf(loaded).length === 0) {
    warnOnce(logs, unchainedWarning(path, parsed.unchained));
  }
  loaded.checker.add(parsed.entries);
  const { checker } = loaded;
  loaded = {
    checker,
    reported: loaded.reported,
    size: loaded.size + parsed.bytes,
    inode: info.ino,
    chain: parsed.chain,
    chained: parsed.chained,
    ...(parsed.torn ? { torn: parsed.torn } : {}),
  };
  logs.cache.set(lab, loaded);
  refuseIfBroken(loaded);
  for (const warning of checker.result.warnings.slice(loaded.reported)) logs.options.onWarning?.(warning.message);
  loaded.reported = checker.result.warnings.length;
  if (parsed.torn && !logs.options.lock) warnOnce(logs, tornWarning(parsed.torn));
  return loaded;
};

/** The writer's view: the lock is held, the file re-read, and a torn last line cut off (said aloud). */
export const loadForWrite = async (logs: JsonlLogs, lab: string): Promise<Loaded> => {
  const lock = logs.options.lock;
  if (!lock || lock.log !== pathOf(logs, lab))
    throw eventStoreError(
      'EVENTSTORE_READ_ONLY',
      `${pathOf(logs, lab)} was opened for reading; only the process holding its writer lock may change it.`,
    );
  lock.assertHeld();
  const loaded = await load(logs, lab);
  if (!loaded.torn) return loaded;
  const handle = await open(pathOf(logs, lab), 'r+');
  try {
    await handle.truncate(loaded.size);
    await handle.sync();
  } finally {
    await handle.close();
  }
  logs.options.onWarning?.(
    `${loaded.torn}; cut off (the append it belonged to never completed). The log ends at position ${eventsOf(loaded).length}.`,
  );
  const cut: Loaded = { ...loaded };
  delete cut.torn;
  logs.cache.set(lab, cut);
  return cut;
};
