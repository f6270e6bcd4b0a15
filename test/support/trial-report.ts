import type { Readers, reader } from './pkilab-in-process.ts';
import type { Finished } from './pkilab-process.ts';
import { crashOf, describeEnd } from './process-end.ts';

/** What a trial found wrong, by kind: a lost acknowledged step, a corrupt log, a crash, a hang, a refusal it should not meet. */
export type ProblemKind = 'lost' | 'corrupt' | 'crash' | 'hang' | 'refused';
export interface Problem {
  readonly kind: ProblemKind;
  readonly detail: string;
}

export interface TrialReport {
  readonly name: string;
  readonly problems: readonly Problem[];
  /** Steps printed as done before the kill, and how many were lost. */
  readonly acknowledged: number;
  readonly lost: number;
  readonly notes: readonly string[];
  readonly ms: number;
}

/** What a trial under way has found so far. */
export interface Found {
  readonly problems: Problem[];
  readonly notes: string[];
}

/**
 * Whether a process ended well enough to look further: a hang or a crash is noted as a problem (false), and so is
 * an exit code outside `expectCodes` when they are given.
 */
export const endedWell = (found: Found, f: Finished, what: string, expectCodes?: readonly number[]): boolean => {
  if (f.timedOut) return (found.problems.push({ kind: 'hang', detail: `${what}: ${describeEnd(f)}` }), false);
  const crash = crashOf(f);
  if (crash) return (found.problems.push({ kind: 'crash', detail: `${what}: ${crash}` }), false);
  if (expectCodes && f.code !== null && !expectCodes.includes(f.code))
    return (found.problems.push({ kind: 'crash', detail: `${what}: unexpected exit: ${describeEnd(f)}` }), false);
  return true;
};

/** How a kill-and-resume trial chooses its moment: a delay after spawn, or after the n-th printed step. */
export type KillMoment = { readonly afterMs: number } | { readonly afterStep: number; readonly thenMs: number };

export interface KillTrial {
  /** Scenario file (relative to the repository) or '--all'. */
  readonly scenario: string;
  readonly signal: NodeJS.Signals;
  readonly moment: KillMoment;
  /** The lab folder; with `force` it may already hold a lab (the run replaces it). */
  readonly dir: string;
  readonly force?: boolean;
  /** Also run `pkilab step --plain --lab LOG` with `q` alone before taking a step (the suite does; the torture may skip it). */
  readonly quitOnly?: boolean;
  /** Deadline of each process. */
  readonly timeoutMs?: number;
  /** Where `findings` and `travel` run (default: their own processes). */
  readonly readers?: Readers;
}

/** A kill trial under way: its lab's log, its deadlines, how it reads the lab, and what it found so far. */
export interface KillRun extends Found {
  readonly trial: KillTrial;
  readonly log: string;
  readonly timeoutMs: number;
  readonly read: ReturnType<typeof reader>;
}
