// The travel session's shapes, apart from session.ts so that the commands (navigate.ts, origins.ts) can name them without a cycle.
import type { Timeline } from '../../projections/index.ts';
import type { ReadProgress } from '../eventstore/jsonl-chunks.ts';
import type { Context } from './what-if.ts';

export interface TravelOutput {
  readonly lines: string[];
  readonly json: Record<string, unknown> & { command: string };
}

export interface TravelSession {
  readonly timeline: Timeline;
  /** What the what-if, fork and export commands read (for callers that decide again without words: the studio). */
  readonly context: Context;
  /** The position the commands start from: the end of the log until a command moves it. */
  cursor: number;
  /** How far the log is read while the rest is still being checked; undefined once it is whole. */
  readonly reading: ReadProgress | undefined;
  /** One prompt line, split into words as a shell splits them. */
  run(line: string): Promise<TravelOutput>;
  /** A command already split into words (the command line's arguments). */
  runWords(words: readonly string[]): Promise<TravelOutput>;
}

/** A travel command: what it answers from the session (whose cursor it may move) and its words after the command. */
export type TravelCommand = (session: TravelSession, args: string[], command: string) => TravelOutput | Promise<TravelOutput>;
