import type { ReadProgress } from '../eventstore/jsonl-chunks.ts';
import type { TravelOutput } from './session-types.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** How much of a log being read is checked, as a whole percentage of its bytes. */
export const percentRead = (progress: ReadProgress): number =>
  progress.size === 0 ? 100 : Math.floor((progress.bytes / progress.size) * 100);

/**
 * An answer given while the rest of the log is still being read: it holds only events already checked, and says
 * so (a line of text; `checking` in JSON) because a damaged line further on would still make the log refused.
 */
export const withReadingNote = (output: TravelOutput, progress: ReadProgress): TravelOutput => ({
  lines: [
    ...output.lines,
    `(the log is still being checked: ${count(progress.events)} events so far, ${percentRead(progress)}% of the file; this answer uses checked events only, and a damaged line further on is reported when it is reached)`,
  ],
  json: { ...output.json, checking: { events: progress.events, percent: percentRead(progress) } },
});
