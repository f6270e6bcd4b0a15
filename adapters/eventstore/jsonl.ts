import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedEvent } from '../../domain/index.ts';
import { eventStoreError, type EventStore, type PendingEvent } from '../../workflows/index.ts';
import { ensureFolder, modes, syncFolder, writeFileAtomic } from '../files/atomic.ts';
import { storedEvents } from './event-text.ts';
import { formatLine, parseLines } from './jsonl-format.ts';
import { tornWarning, unchainedWarning } from './jsonl-warnings.ts';
import type { WriterLock } from './lock.ts';
import { logChecker, refuseBrokenLog, type LogChecker } from './validate.ts';

interface JsonlOptions {
  /** Told of a torn last line (ignored by readers, cut by the writer) and of logs without integrity marks. */
  readonly onWarning?: (message: string) => void;
  /** This process's writer lock on the lab's log. Without it the store reads and never writes. */
  readonly lock?: WriterLock;
}

interface Loaded {
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

const empty = (path: string): Loaded => ({ checker: logChecker(path), reported: 0, size: 0, inode: -1, chain: 0, chained: false });
const eventsOf = (loaded: Loaded): RecordedEvent[] => loaded.checker.result.events;

const refuseIfBroken = (loaded: Loaded): void => refuseBrokenLog(loaded.checker);

/**
 * One append-only JSON Lines file per lab in `folder`. Reading never changes a file: a torn last line (an
 * append in progress, or one a crash cut short) is reported and ignored. Only the holder of the lab's writer
 * lock appends, truncates, or cuts a torn line, and it checks the expected version against the file itself.
 */
export const jsonlEventStore = (folder: string, options: JsonlOptions = {}): EventStore => {
  const cache = new Map<string, Loaded>();
  const pathOf = (lab: string) => {
    if (!/^[A-Za-z0-9._-]+$/.test(lab) || /^\.+$/.test(lab))
      throw eventStoreError('EVENTSTORE_LAB_ID_INVALID', `Lab id "${lab}" must be a plain file name (letters, digits, . _ -).`);
    return join(folder, `${lab}.jsonl`);
  };
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (!warned.has(message)) options.onWarning?.(message);
    warned.add(message);
  };

  /** Brings the cached view up to the file: reads only what was appended since, or all of it if replaced. */
  const load = async (lab: string): Promise<Loaded> => {
    const path = pathOf(lab);
    const info = await stat(path).catch(() => undefined);
    let loaded = cache.get(lab) ?? empty(path);
    if (!info) {
      if (loaded.inode !== -1) cache.set(lab, (loaded = empty(path)));
      return loaded;
    }
    if (info.ino !== loaded.inode || info.size < loaded.size) loaded = { ...empty(path), inode: info.ino };
    if (info.size === loaded.size) return loaded;
    const handle = await open(path, 'r');
    let text: string;
    try {
      const buffer = Buffer.alloc(info.size - loaded.size);
      await handle.read(buffer, 0, buffer.length, loaded.size);
      text = buffer.toString('utf8');
    } finally {
      await handle.close();
    }
    const parsed = parseLines(path, text, eventsOf(loaded).length + 1, loaded.chain, loaded.chained);
    if (parsed.unchained > 0 && eventsOf(loaded).length === 0) {
      warnOnce(unchainedWarning(path, parsed.unchained));
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
    cache.set(lab, loaded);
    refuseIfBroken(loaded);
    for (const warning of checker.result.warnings.slice(loaded.reported)) options.onWarning?.(warning.message);
    loaded.reported = checker.result.warnings.length;
    if (parsed.torn && !options.lock) warnOnce(tornWarning(parsed.torn));
    return loaded;
  };

  /** The writer's view: the lock is held, the file re-read, and a torn last line cut off (said aloud). */
  const loadForWrite = async (lab: string): Promise<Loaded> => {
    const lock = options.lock;
    if (!lock || lock.log !== pathOf(lab))
      throw eventStoreError(
        'EVENTSTORE_READ_ONLY',
        `${pathOf(lab)} was opened for reading; only the process holding its writer lock may change it.`,
      );
    lock.assertHeld();
    const loaded = await load(lab);
    if (!loaded.torn) return loaded;
    const handle = await open(pathOf(lab), 'r+');
    try {
      await handle.truncate(loaded.size);
      await handle.sync();
    } finally {
      await handle.close();
    }
    options.onWarning?.(
      `${loaded.torn}; cut off (the append it belonged to never completed). The log ends at position ${eventsOf(loaded).length}.`,
    );
    const cut: Loaded = { ...loaded };
    delete cut.torn;
    cache.set(lab, cut);
    return cut;
  };

  const conflict = (lab: string, found: number, expected: number) =>
    eventStoreError('EVENTSTORE_VERSION_CONFLICT', `${pathOf(lab)} is at version ${found}; the change expected ${expected}.`);

  return {
    async read(lab, range = {}) {
      return eventsOf(await load(lab)).slice((range.from ?? 1) - 1, range.to ?? undefined);
    },
    async append(lab, events: readonly PendingEvent[], expectedVersion) {
      const loaded = await loadForWrite(lab);
      if (eventsOf(loaded).length !== expectedVersion) throw conflict(lab, eventsOf(loaded).length, expectedVersion);
      let chain = loaded.chain;
      const stored = storedEvents(events, expectedVersion);
      const text = stored
        .map((e, i) => {
          const formatted = formatLine(e.text, chain, i === stored.length - 1);
          chain = formatted.chain;
          return formatted.line;
        })
        .join('');
      // The new events pass the same checks as a log being opened, before a byte is written.
      loaded.checker.add(stored.map(({ event }, i) => ({ line: expectedVersion + i + 1, event })));
      try {
        refuseIfBroken(loaded);
      } catch (error) {
        cache.delete(lab);
        throw Object.assign(error as Error, { message: `refusing to append: ${(error as Error).message}` });
      }
      const created = loaded.inode === -1;
      if (created) await ensureFolder(folder);
      try {
        const file = await open(pathOf(lab), 'a', modes.shared);
        try {
          if (created) await file.chmod(modes.shared);
          await file.write(text);
          await file.sync();
          loaded.inode = (await file.stat()).ino;
        } finally {
          await file.close();
        }
      } catch (error) {
        cache.delete(lab);
        throw error;
      }
      if (created) await syncFolder(folder);
      loaded.size += Buffer.byteLength(text);
      loaded.chain = chain;
      loaded.chained = true;
      return expectedVersion + stored.length;
    },
    async truncate(lab, position, expectedVersion) {
      const loaded = await loadForWrite(lab);
      if (eventsOf(loaded).length !== expectedVersion) throw conflict(lab, eventsOf(loaded).length, expectedVersion);
      if (!Number.isInteger(position) || position < 0 || position > expectedVersion) {
        throw eventStoreError(
          'EVENTSTORE_POSITION_OUT_OF_RANGE',
          `truncate: expected a position from 0 to ${expectedVersion}, found ${position}`,
        );
      }
      const text = await readFile(pathOf(lab));
      let end = 0;
      for (let n = 0; n < position; n += 1) end = text.indexOf(0x0a, end) + 1;
      // The last line kept ends an append now, so its mark becomes a commit (the chain value stays).
      const kept = text
        .subarray(0, end)
        .toString('utf8')
        .replace(/,"chain":("[0-9a-f]{8}"\}\n)$/, ',"commit":$1');
      await writeFileAtomic(pathOf(lab), kept, modes.shared);
      cache.delete(lab);
      return eventsOf(await load(lab)).length;
    },
    async version(lab) {
      return eventsOf(await load(lab)).length;
    },
  };
};
