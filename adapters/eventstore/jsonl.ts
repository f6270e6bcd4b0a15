import { mkdir, open, readFile, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedEvent } from '../../domain/index.ts';
import { portError, type EventStore } from '../../workflows/index.ts';

export interface JsonlOptions {
  /** Told when a torn last line (a crash mid-append) is found and cut off on open. */
  readonly onWarning?: (message: string) => void;
}

interface Loaded { events: RecordedEvent[]; size: number }

const parseLog = (path: string, text: string): { events: RecordedEvent[]; goodBytes: number; torn?: string } => {
  const events: RecordedEvent[] = [];
  let offset = 0;
  let lineNumber = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    lineNumber += 1;
    const line = end === -1 ? text.slice(offset) : text.slice(offset, end);
    let event: RecordedEvent | undefined;
    try {
      event = JSON.parse(line) as RecordedEvent;
    } catch {
      event = undefined;
    }
    if (end === -1 || !event) {
      if (end === -1) return { events, goodBytes: Buffer.byteLength(text.slice(0, offset)), torn: `${path}:${lineNumber}: last line is incomplete (${line.length} characters, no newline)` };
      throw portError('EVENTSTORE_CORRUPT_LOG', `${path}:${lineNumber}: expected one JSON event per line, found ${JSON.stringify(line.slice(0, 60))}`);
    }
    if (event.position !== events.length + 1) {
      throw portError('EVENTSTORE_CORRUPT_LOG', `${path}:${lineNumber}: expected position ${events.length + 1}, found ${event.position}`);
    }
    events.push(event);
    offset = end + 1;
  }
  return { events, goodBytes: Buffer.byteLength(text) };
};

/**
 * One append-only JSON Lines file per lab in `folder`. Appends are fsynced; a torn last line left by a
 * crash is reported and truncated when the file is opened, and corruption anywhere else is an error.
 */
export const jsonlEventStore = (folder: string, options: JsonlOptions = {}): EventStore => {
  const cache = new Map<string, Loaded>();
  const pathOf = (lab: string) => {
    if (!/^[A-Za-z0-9._-]+$/.test(lab)) throw new Error(`Lab id "${lab}" must be a plain file name (letters, digits, . _ -).`);
    return join(folder, `${lab}.jsonl`);
  };

  const load = async (lab: string): Promise<Loaded> => {
    const path = pathOf(lab);
    const size = await stat(path).then((s) => s.size, () => 0);
    const cached = cache.get(lab);
    if (cached && cached.size === size) return cached;
    const text = size === 0 ? '' : await readFile(path, 'utf8');
    const parsed = parseLog(path, text);
    if (parsed.torn) {
      options.onWarning?.(`${parsed.torn}; it was cut off (the append it belonged to never completed). The log now ends at position ${parsed.events.length}.`);
      await truncate(path, parsed.goodBytes);
    }
    const loaded = { events: parsed.events, size: parsed.goodBytes };
    cache.set(lab, loaded);
    return loaded;
  };

  return {
    async read(lab, range = {}) {
      return (await load(lab)).events.slice((range.from ?? 1) - 1, range.to ?? undefined);
    },
    async append(lab, events, expectedVersion) {
      const loaded = await load(lab);
      if (loaded.events.length !== expectedVersion) {
        throw portError('EVENTSTORE_VERSION_CONFLICT', `${pathOf(lab)} is at version ${loaded.events.length}; the append expected ${expectedVersion}.`);
      }
      const stored = events.map((e, i) => ({ ...e, position: expectedVersion + i + 1 }) as RecordedEvent);
      const text = stored.map((e) => `${JSON.stringify(e)}\n`).join('');
      await mkdir(folder, { recursive: true });
      const file = await open(pathOf(lab), 'a');
      try {
        await file.write(text);
        await file.sync();
      } finally {
        await file.close();
      }
      loaded.events.push(...(JSON.parse(`[${text.trimEnd().split('\n').join(',')}]`) as RecordedEvent[]));
      loaded.size += Buffer.byteLength(text);
      return expectedVersion + stored.length;
    },
    async version(lab) {
      return (await load(lab)).events.length;
    },
  };
};
