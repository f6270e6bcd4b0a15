// The travel session's shapes, apart from session.ts so that the commands (navigate.ts, origins.ts) can name them without a cycle.
import type { Timeline } from '../../projections/index.ts';
import type { Context } from './what-if.ts';

interface Output {
  readonly lines: string[];
  readonly json: Record<string, unknown> & { command: string };
}

export interface TravelSession {
  readonly timeline: Timeline;
  /** What the what-if, fork and export commands read (for callers that decide again without words: the studio). */
  readonly context: Context;
  cursor: number;
  /** One prompt line, split into words as a shell splits them. */
  run(line: string): Promise<Output>;
  /** A command already split into words (the command line's arguments). */
  runWords(words: readonly string[]): Promise<Output>;
}

/** A travel command: what it answers from the session (whose cursor it may move) and its words after the command. */
export type TravelCommand = (session: TravelSession, args: string[], command: string) => Output | Promise<Output>;
