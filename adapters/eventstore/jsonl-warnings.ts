import { refuseBrokenLog, type LogChecker } from './validate.ts';

/** The warning for a log whose first lines carry no integrity marks (written before pkilab made them). */
export const unchainedWarning = (path: string, lines: number): string =>
  `${path}: written by an older pkilab, without integrity marks; a hand edit of its first ${lines} line(s) cannot be detected`;

/** The warning a reader gives for a torn last line (`torn` says where and what). */
export const tornWarning = (torn: string): string => `${torn}; ignored (a writer may be appending now, or one stopped mid-append)`;

/**
 * The warnings of a log read in pieces, given as a whole read gives them, once the last piece is read: the unmarked
 * lines (even when a check error then refuses the log), then, if nothing refuses it, the checks' warnings and a
 * torn last line. A line that breaks the integrity chain ends the read before any of them, as it does a whole read.
 */
export const readingWarnings = (path: string, checker: LogChecker, onWarning: (message: string) => void = () => undefined) => {
  let unchained = 0;
  let torn: string | undefined;
  return {
    /** `lines` more lines without a mark (only the first lines of a log can be). */
    unchained(lines: number) {
      unchained += lines;
    },
    torn(message: string) {
      torn = message;
    },
    /** At the end: the warnings, and EVENTSTORE_CORRUPT_LOG when a check found an error. */
    end() {
      if (unchained > 0) onWarning(unchainedWarning(path, unchained));
      refuseBrokenLog(checker);
      for (const warning of checker.result.warnings) onWarning(warning.message);
      if (torn) onWarning(tornWarning(torn));
    },
  };
};
