import type { ChunkedLog, ReadProgress } from '../eventstore/jsonl-chunks.ts';
import { percentRead } from '../travel/reading-note.ts';
import type { ProgressSink } from './progress.ts';

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** The indicator's line: how much of the log is checked, and about how many events it holds (from the bytes read so far). */
export const readingLine = (progress: ReadProgress): string => {
  const about = progress.bytes > 0 ? (progress.events * progress.size) / progress.bytes : 0;
  return `checking the log: ${percentRead(progress)}% (${count(progress.events)} of about ${count(about)} events)`;
};

/**
 * `pkilab travel`'s progress while a log is read and checked in the background: one line on a terminal's stderr,
 * rewritten in place at most 10 times a second and cleared when the read ends, or before anything else is
 * written (`clear`). Nothing is drawn on a sink that is not a terminal, or while `paused` (a prompt waits for a line).
 */
export const readingProgress = (sink: ProgressSink, now: () => number = Date.now) => {
  let drawn = false;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let paused = false;
  let latest: ReadProgress | undefined;
  const clear = () => {
    if (drawn) sink.write('\r\x1b[K');
    drawn = false;
  };
  const draw = (progress: ReadProgress, force = false) => {
    latest = progress;
    if (progress.complete || paused || !sink.isTTY) return clear();
    const t = now();
    if (!force && t - drawnAt < 100) return;
    drawnAt = t;
    drawn = true;
    sink.write(`\r${readingLine(progress).slice(0, (sink.columns ?? 100) - 1)}\x1b[K`);
  };
  return {
    /** Draws the read's progress from now on. */
    follow(reading: ChunkedLog | undefined) {
      reading?.onProgress((p) => draw(p));
    },
    clear,
    /** Stops drawing (and clears the line) until `resume`. */
    pause() {
      paused = true;
      clear();
    },
    resume() {
      paused = false;
      if (latest) draw(latest, true);
    },
  };
};
