import { crc32 } from 'node:zlib';
import type { RecordedEvent } from '../../domain/index.ts';
import { eventStoreError } from '../../workflows/index.ts';
import { eventText } from './event-text.ts';

/**
 * The integrity chain: each line ends with `"chain":"xxxxxxxx"`, the CRC-32 of its event text continued
 * from the chain value of the line before (a running checksum of the whole log). It detects a line changed,
 * removed or reordered by hand after it was written; it is not a signature against someone who means harm.
 * The last line of each append carries `"commit"` instead of `"chain"`: lines after the last commit are an
 * append that never completed (a write cut short), and count as torn, so a step lands whole or not at all.
 */
const chainMark = /,"(chain|commit)":"([0-9a-f]{8})"\}$/;

export const chainOf = (eventText: string, previous: number): number => crc32(eventText, previous);

/** One stored line: the event's JSON (or its text) with its chain value as the last field (`commit` on an append's last line). */
export const formatLine = (event: RecordedEvent | string, previous: number, last = true): { line: string; chain: number } => {
  const text = typeof event === 'string' ? event : eventText(event);
  const chain = chainOf(text, previous);
  return { line: `${text.slice(0, -1)},"${last ? 'commit' : 'chain'}":"${chain.toString(16).padStart(8, '0')}"}\n`, chain };
};

export interface ParsedLines {
  readonly entries: Array<{ line: number; event: unknown }>;
  /** Bytes of complete lines read. */
  readonly bytes: number;
  readonly chain: number;
  /** Lines without a chain mark (written by an older pkilab), counted from the start of this read. */
  readonly unchained: number;
  readonly chained: boolean;
  readonly torn?: string;
}

/** The event line `line` holds (`eventText`: the line without its chain mark); EVENTSTORE_CORRUPT_LOG if not JSON. */
const parseEvent = (path: string, line: number, eventText: string, raw: string): unknown => {
  try {
    return JSON.parse(eventText);
  } catch {
    throw eventStoreError(
      'EVENTSTORE_CORRUPT_LOG',
      `${path}:${line}: expected one JSON event per line, found ${JSON.stringify(raw.slice(0, 60))}`,
    );
  }
};

/**
 * Parses complete lines of `text` (which starts at line `firstLine`, after a chain value of `previous`).
 * A last line without its newline is torn: reported, never parsed. A line that is not JSON, or whose chain
 * mark does not follow from the lines before it, is EVENTSTORE_CORRUPT_LOG naming file:line.
 */
export const parseLines = (path: string, text: string, firstLine: number, previous: number, chainedBefore: boolean): ParsedLines => {
  const entries: Array<{ line: number; event: unknown }> = [];
  let offset = 0;
  let chain = previous;
  let chained = chainedBefore;
  let unchained = 0;
  let line = firstLine - 1;
  /** Where the last complete append ends: its entries, bytes and chain value. */
  const committed = { entries: 0, offset: 0, chain: previous, line: firstLine - 1 };
  const unfinished = (torn: string): ParsedLines => ({
    entries: entries.slice(0, committed.entries),
    bytes: Buffer.byteLength(text.slice(0, committed.offset)),
    chain: committed.chain,
    unchained,
    chained,
    torn,
  });
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    line += 1;
    if (end === -1) {
      const pending = line - committed.line - 1;
      return unfinished(
        `${path}:${line}: last line is incomplete (${text.length - offset} characters, no newline)${pending > 0 ? `, after ${pending} line(s) of the same unfinished append` : ''}`,
      );
    }
    const raw = text.slice(offset, end);
    const mark = chainMark.exec(raw);
    const eventText = mark ? `${raw.slice(0, mark.index)}}` : raw;
    const event = parseEvent(path, line, eventText, raw);
    chain = chainOf(eventText, chain);
    if (mark) {
      if (Number.parseInt(mark[2]!, 16) !== chain) {
        throw eventStoreError(
          'EVENTSTORE_CORRUPT_LOG',
          `${path}:${line}: line ${line} was changed after it was written (its integrity mark does not follow from the lines before it; it was edited, or a line before it was removed or moved)`,
        );
      }
      chained = true;
    } else if (chained) {
      throw eventStoreError(
        'EVENTSTORE_CORRUPT_LOG',
        `${path}:${line}: line ${line} has no integrity mark although the lines before it have one: it was added or rewritten by hand`,
      );
    } else unchained += 1;
    entries.push({ line, event });
    offset = end + 1;
    if (!mark || mark[1] === 'commit') Object.assign(committed, { entries: entries.length, offset, chain, line });
  }
  if (committed.entries < entries.length) {
    return unfinished(
      `${path}:${committed.line + 1}: lines ${committed.line + 1}–${line} are an append that never completed (its last line never reached the file)`,
    );
  }
  return { entries, bytes: Buffer.byteLength(text), chain, unchained, chained };
};
