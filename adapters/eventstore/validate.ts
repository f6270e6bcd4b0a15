import { eventStoreError } from '../../workflows/index.ts';
import type { LogCheck, LogCheckOptions, LogEntry, LogProblem, LogProblemCode } from '../schemas/problems.ts';
import { check, checkState, report } from './validate-checks.ts';

export { type LogCheck, type LogCheckOptions, type LogEntry, type LogProblem, type LogProblemCode };

/** A check fed in pieces, keeping its state between them (a store reading only what was appended since). */
export interface LogChecker {
  add(entries: Iterable<LogEntry>): void;
  readonly result: LogCheck;
}

/** The checks of `checkLog`, fed in pieces; `file` names the log in every message. */
export const logChecker = (file: string, options: LogCheckOptions = {}): LogChecker => {
  const state = checkState(file, options);
  return {
    add(more) {
      for (const entry of more) {
        if (state.stopped) return;
        check(state, entry);
        if (state.result.errors.length < state.max) continue;
        state.stopped = true;
        report(
          state,
          'LOG_TOO_MANY_PROBLEMS',
          entry.line,
          `expected at most ${state.max} errors, found ${state.result.errors.length}; the rest of the log was not checked`,
        );
      }
    },
    get result() {
      if (state.unlistedWarnings === 0) return state.result;
      const more: LogProblem = {
        code: 'LOG_MORE_WARNINGS',
        file,
        line: 0,
        message: `${file}: ${state.unlistedWarnings} more warnings not listed`,
      };
      return { ...state.result, warnings: [...state.result.warnings, more] };
    },
  };
};

/**
 * Checks a log as it is opened: every event's fields (zod schemas), positions 1, 2, 3..., time never going
 * back, the lab created once and first, names the fold looks up, and certificate fields against their DER.
 * Never throws; `events` is the prefix before the first error, safe to fold.
 */
export const checkLog = (file: string, entries: Iterable<LogEntry>, options?: LogCheckOptions): LogCheck => {
  const checker = logChecker(file, options);
  checker.add(entries);
  return checker.result;
};

/** A log whose check found an error cannot be folded safely, so it does not open: EVENTSTORE_CORRUPT_LOG naming the first problem. */
export const refuseBrokenLog = (checker: LogChecker): void => {
  const [first, ...rest] = checker.result.errors;
  if (!first) return;
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  throw eventStoreError('EVENTSTORE_CORRUPT_LOG', `${first.message}${more}`, { problem: first.code });
};
