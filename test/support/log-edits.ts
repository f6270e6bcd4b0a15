import * as assert from 'uvu/assert';
import type { LogCheck, LogProblemCode } from '../../adapters/eventstore/validate.ts';
import type { RecordedEvent } from '../../domain/index.ts';

type Editable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Edits of a real log, for the checks a log gets when it is opened. */
export const logEdits = (base: readonly RecordedEvent[]) => ({
  /** The log, edited, as a file's lines would give it. */
  edited: (edit: (log: Editable[]) => void) => {
    const log = structuredClone(base) as unknown as Editable[];
    edit(log);
    return log.map((event, i) => ({ line: i + 1, event }));
  },
  /** Where the `nth` event of `type` is in the log (0-based). */
  index: (type: string, nth = 0) => base.map((e, i) => [e.type, i] as const).filter(([t]) => t === type)[nth]![1],
});

/** The codes of a check's errors, in order. */
export const codes = (check: LogCheck) => check.errors.map((p) => p.code);

/** Asserts that the check found exactly one error, of `code`, with a message matching `message`. */
export const only = (check: LogCheck, code: LogProblemCode, message: RegExp) => {
  assert.equal(codes(check), [code], JSON.stringify(check.errors, null, 1));
  assert.match(check.errors[0]!.message, message);
};
