import type { RecordedEvent } from '../../domain/index.ts';

/**
 * Every problem a lab log can have, and whether opening it may go on. Errors mean the log cannot be folded
 * (or trusted) safely; warnings describe a log that folds to a consistent world but that pkilab would
 * not have written, so the person is told and the lab still opens.
 */
export const logProblemCodes = {
  /** A field missing, extra, or of the wrong type or value: handlers would store or compute with garbage. */
  LOG_BAD_FIELD: 'error',
  /** No handler exists for the type: the fold would throw. */
  LOG_UNKNOWN_EVENT: 'error',
  /** Positions not 1, 2, 3...: an event was lost, repeated or moved, so the log is not the lab's order. */
  LOG_POSITION: 'error',
  /** A second LabCreated or CaInstalled would silently replace the lab's domain or its CA. */
  LOG_DUPLICATE_CREATION: 'error',
  /** The log does not start the way a new lab does (LabCreated first, the CA installed before any procedure). */
  LOG_CREATION_ORDER: 'error',
  /** An event names a template, CA, host, site or GPO no earlier event created; the fold looks it up and would throw. */
  LOG_UNKNOWN_REFERENCE: 'error',
  /** What the event states about a certificate is not what its DER holds: findings read the one, TLS clients the other. */
  LOG_CERTIFICATE_MISMATCH: 'error',
  /** The check stopped after too many errors. */
  LOG_TOO_MANY_PROBLEMS: 'error',
  /**
   * Simulated time went back. A warning: every event carries its own time and the fold simply follows it,
   * so the world stays consistent; a hand edit or a merged log is the likely cause, and the person should
   * know (`travel goto <time>` counts the events up to a time, so it lands somewhere unexpected in such a log).
   */
  LOG_TIME_BACKWARDS: 'warning',
  /** Warnings beyond the limit are counted, not listed. */
  LOG_MORE_WARNINGS: 'warning',
} as const satisfies Record<string, 'error' | 'warning'>;

export type LogProblemCode = keyof typeof logProblemCodes;

/** One problem, located: `message` starts with `file:line` and says what was expected and what was found. */
export interface LogProblem {
  readonly code: LogProblemCode;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** One parsed line of a log (or one element of a bundle's `events`, numbered from 1). */
export interface LogEntry {
  readonly line: number;
  readonly event: unknown;
}

export interface LogCheck {
  /** The longest prefix of the entries with no error, as recorded events: folding it is safe. */
  readonly events: RecordedEvent[];
  readonly errors: LogProblem[];
  readonly warnings: LogProblem[];
}

export interface LogCheckOptions {
  /** Errors (and listed warnings) after which the check stops listing; 100 unless told. */
  readonly maxProblems?: number;
  /** How a line is named in messages; `file:line` unless told (a bundle names `events[i]`). */
  readonly where?: (line: number) => string;
  /** Validates every event with zod alone, without the compiled fast path: slower, for measurements and tests. */
  readonly zodOnly?: boolean;
}
