import { open, readFile } from 'node:fs/promises';
import { eventStoreError, type EventStore, type PendingEvent } from '../../workflows/index.ts';
import { ensureFolder, modes, syncFolder, writeFileAtomic } from '../files/atomic.ts';
import { storedEvents } from './event-text.ts';
import { formatLine } from './jsonl-format.ts';
import { eventsOf, load, loadForWrite, pathOf, refuseIfBroken, type JsonlLogs, type JsonlOptions, type Loaded } from './jsonl-load.ts';

const conflict = (logs: JsonlLogs, lab: string, found: number, expected: number) =>
  eventStoreError('EVENTSTORE_VERSION_CONFLICT', `${pathOf(logs, lab)} is at version ${found}; the change expected ${expected}.`);

/** The writer's view at the version the change expects, or the conflict. */
const loadAtVersion = async (logs: JsonlLogs, lab: string, expectedVersion: number): Promise<Loaded> => {
  const loaded = await loadForWrite(logs, lab);
  if (eventsOf(loaded).length !== expectedVersion) throw conflict(logs, lab, eventsOf(loaded).length, expectedVersion);
  return loaded;
};

/** Writes the lines at the end of the log (creating it, with the folder, if new) and syncs them to disk. */
const writeLines = async (logs: JsonlLogs, lab: string, loaded: Loaded, text: string): Promise<void> => {
  const created = loaded.inode === -1;
  if (created) await ensureFolder(logs.folder);
  try {
    const file = await open(pathOf(logs, lab), 'a', modes.shared);
    try {
      if (created) await file.chmod(modes.shared);
      await file.write(text);
      await file.sync();
      loaded.inode = (await file.stat()).ino;
    } finally {
      await file.close();
    }
  } catch (error) {
    logs.cache.delete(lab);
    throw error;
  }
  if (created) await syncFolder(logs.folder);
};

const append = async (logs: JsonlLogs, lab: string, events: readonly PendingEvent[], expectedVersion: number): Promise<number> => {
  const loaded = await loadAtVersion(logs, lab, expectedVersion);
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
    logs.cache.delete(lab);
    throw Object.assign(error as Error, { message: `refusing to append: ${(error as Error).message}` });
  }
  await writeLines(logs, lab, loaded, text);
  loaded.size += Buffer.byteLength(text);
  loaded.chain = chain;
  loaded.chained = true;
  return expectedVersion + stored.length;
};

const truncate = async (logs: JsonlLogs, lab: string, position: number, expectedVersion: number): Promise<number> => {
  await loadAtVersion(logs, lab, expectedVersion);
  if (!Number.isInteger(position) || position < 0 || position > expectedVersion) {
    throw eventStoreError(
      'EVENTSTORE_POSITION_OUT_OF_RANGE',
      `truncate: expected a position from 0 to ${expectedVersion}, found ${position}`,
    );
  }
  const text = await readFile(pathOf(logs, lab));
  let end = 0;
  for (let n = 0; n < position; n += 1) end = text.indexOf(0x0a, end) + 1;
  // The last line kept ends an append now, so its mark becomes a commit (the chain value stays).
  const kept = text
    .subarray(0, end)
    .toString('utf8')
    .replace(/,"chain":("[0-9a-f]{8}"\}\n)$/, ',"commit":$1');
  await writeFileAtomic(pathOf(logs, lab), kept, modes.shared);
  logs.cache.delete(lab);
  return eventsOf(await load(logs, lab)).length;
};

/**
 * One append-only JSON Lines file per lab in `folder`. Reading never changes a file: a torn last line (an
 * append in progress, or one a crash cut short) is reported and ignored. Only the holder of the lab's writer
 * lock appends, truncates, or cuts a torn line, and it checks the expected version against the file itself.
 */
export const jsonlEventStore = (folder: string, options: JsonlOptions = {}): EventStore => {
  const logs: JsonlLogs = { folder, options, cache: new Map(), warned: new Set() };
  return {
    async read(lab, range = {}) {
      return eventsOf(await load(logs, lab)).slice((range.from ?? 1) - 1, range.to ?? undefined);
    },
    append: (lab, events, expectedVersion) => append(logs, lab, events, expectedVersion),
    truncate: (lab, position, expectedVersion) => truncate(logs, lab, position, expectedVersion),
    async version(lab) {
      return eventsOf(await load(logs, lab)).length;
    },
  };
};
