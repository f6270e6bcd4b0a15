import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLine } from '../../adapters/eventstore/jsonl-format.ts';
import type { RecordedEvent } from '../../domain/index.ts';

/**
 * The lines of a log as pkilab writes them: each with its integrity mark, in appends of the sizes given (the
 * last line of each append carries `commit`, the others `chain`); one append per event when no sizes are given.
 */
export const chainedLines = (events: readonly RecordedEvent[], appends?: readonly number[]): string[] => {
  let chain = 0;
  let left = appends?.[0] ?? 1;
  let append = 0;
  return events.map((event, i) => {
    left -= 1;
    const last = left <= 0 || i === events.length - 1;
    if (left <= 0) left = appends?.[(append += 1)] ?? 1;
    const line = formatLine(event, chain, last);
    chain = line.chain;
    return line.line;
  });
};

/** Writes the lines as `lab.jsonl` in a new folder; its path. */
export const writeLog = async (lines: readonly string[], prefix = 'pkilab-log-'): Promise<string> => {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  const path = join(folder, 'lab.jsonl');
  await writeFile(path, lines.join(''));
  return path;
};
