import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { RecordedEvent } from '../../domain/index.ts';
import { parseLines, type ParsedLines } from './jsonl-format.ts';
import { readingWarnings } from './jsonl-warnings.ts';
import { logChecker } from './validate.ts';

/** How far a log read in chunks has come: events checked so far, bytes read of the file's size. */
export interface ReadProgress {
  readonly events: number;
  readonly bytes: number;
  readonly size: number;
  readonly complete: boolean;
}

/** A log being read and checked in chunks: `events` grows (each one checked) while the rest is read. */
export interface ChunkedLog {
  /** The events checked so far, in order; the same array grows as chunks are checked. */
  readonly events: readonly RecordedEvent[];
  readonly progress: ReadProgress;
  /** Resolves once `n` events are checked, or when the whole log is (then it may hold fewer); rejects as `done` does. */
  until(n: number): Promise<void>;
  /** Resolves when every line is read and checked; rejects with the error that keeps the log from opening. */
  readonly done: Promise<void>;
  /** Told after each chunk is checked, and once at the end. */
  onProgress(listener: (progress: ReadProgress) => void): void;
  /** Stops reading at the next chunk (the reader is done with the log): `done` then rejects, saying it was stopped. */
  stop(): void;
}

interface ChunkOptions {
  readonly onWarning?: (message: string) => void;
  /** Bytes read and checked at a time (256 KiB unless told: a few hundred milliseconds of checks at most on a busy machine). */
  readonly chunkBytes?: number;
}

const chainedLine = /,"chain":"[0-9a-f]{8}"\}$/;

/**
 * Where the text can be cut so that every line before the cut ends an append: after the last complete line
 * that carries no `chain` mark (a commit line, or an older pkilab's unmarked line). The chained lines after it
 * are an append still being read. 0 when there is no such line yet.
 */
export const cutOf = (text: string): number => {
  let end = text.lastIndexOf('\n');
  while (end >= 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    if (!chainedLine.test(text.slice(start, end))) return end + 1;
    if (start === 0) return 0;
    end = start - 1;
  }
  return 0;
};

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads a JSONL lab log in chunks and checks each one as the store does when it opens a log (integrity marks,
 * then schemas, positions, time, references, certificates against their DER), yielding to the event loop between
 * chunks, so that a caller can use the events checked so far while the rest is read. It never writes. Errors and
 * warnings are the store's, with the same codes and messages, in the same order: a line that breaks the integrity
 * chain ends the read at once; a check error stops the events where it is, and the read goes on to the end to
 * count the problems after it, as a whole read does; warnings are given at the end. A missing file reads as an
 * empty log.
 */
export const readLogInChunks = (path: string, options: ChunkOptions = {}): ChunkedLog => {
  const checker = logChecker(path);
  const events = checker.result.events;
  const warnings = readingWarnings(path, checker, options.onWarning);
  const listeners: Array<(progress: ReadProgress) => void> = [];
  let waiting: Array<{ n: number; wake: () => void }> = [];
  const state = { bytes: 0, size: 0, complete: false, stopped: false };
  const progress = (): ReadProgress => ({ bytes: state.bytes, size: state.size, complete: state.complete, events: events.length });
  const tell = () => {
    const ready = waiting.filter((w) => state.complete || events.length >= w.n);
    waiting = waiting.filter((w) => !ready.includes(w));
    for (const w of ready) w.wake();
    const now = progress();
    for (const listener of listeners) listener(now);
  };
  const take = pieceTaker(path, (parsed) => {
    warnings.unchained(parsed.unchained);
    checker.add(parsed.entries);
    if (parsed.torn) warnings.torn(parsed.torn);
  });
  const done = readPieces(path, options.chunkBytes ?? 2 ** 18, state, (text, last) => {
    take(text, last);
    if (!last) tell();
  })
    .then(() => warnings.end())
    .finally(() => {
      state.complete = true;
      tell();
    });
  done.catch(() => undefined);
  const until = async (n: number): Promise<void> => {
    if (!state.complete && events.length < n) await new Promise<void>((wake) => waiting.push({ n, wake }));
    if (state.complete) await done;
  };
  return {
    events,
    get progress() {
      return progress();
    },
    until,
    done,
    onProgress: (listener) => listeners.push(listener),
    stop: () => {
      state.stopped = true;
    },
  };
};

/** Parses the finished appends of the text given so far (all of it with `last`), each piece handed to `parsed` in order. */
const pieceTaker = (path: string, parsed: (piece: ParsedLines) => void) => {
  const read = { line: 1, chain: 0, chained: false, text: '' };
  return (text: string, last: boolean): void => {
    read.text += text;
    const cut = last ? read.text.length : cutOf(read.text);
    if (cut === 0) return;
    const piece = parseLines(path, read.text.slice(0, cut), read.line, read.chain, read.chained);
    read.text = read.text.slice(cut);
    read.line += piece.entries.length;
    [read.chain, read.chained] = [piece.chain, piece.chained];
    parsed(piece);
  };
};

/** Reads the file's bytes (as they were when it began) as text, `chunkBytes` at a time, with a turn of the event loop between. */
const readPieces = async (
  path: string,
  chunkBytes: number,
  state: { bytes: number; size: number; readonly stopped: boolean },
  piece: (text: string, last: boolean) => void,
): Promise<void> => {
  const info = await stat(path).catch(() => undefined);
  if (!info) return;
  state.size = info.size;
  const handle = await open(path, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(Math.max(1, Math.min(chunkBytes, info.size)));
    while (state.bytes < info.size) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, info.size - state.bytes), state.bytes);
      if (bytesRead === 0) break;
      state.bytes += bytesRead;
      piece(decoder.write(buffer.subarray(0, bytesRead)), false);
      await nextTurn();
      if (state.stopped) throw Object.assign(new Error(`${path}: the read was stopped before the end`), { code: 'READ_STOPPED' });
    }
    piece(decoder.end(), true);
  } finally {
    await handle.close();
  }
};
