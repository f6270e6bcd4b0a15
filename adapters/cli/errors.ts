import type { Io } from './run.ts';

/** Codes of the errors pkilab raises for bad input or unusable files: each ends a command with exit 2. */
const inputCodes =
  /^(SCENARIO_|TRAVEL_|FINDINGS_|STEPPER_|LAB_FOLDER_|INVALID_CHOICE|EVENTSTORE_|KEYSTORE_|SECRETS_|PFX_|LOG_|BUNDLE_|STORE_|SERVE_|REPORT_|STUDIO_|USAGE|PATH_OUTSIDE)/;
/** System errors that mean a file or folder given on the command line cannot be used. */
const fileCodes = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EROFS', 'ELOOP', 'ENAMETOOLONG']);

interface Failure {
  readonly code: string;
  readonly message: string;
  readonly exitCode: number;
}

/** What an error thrown by a command means for the person who ran it: one located line and an exit code. */
export const failureOf = (error: unknown): Failure => {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const message = error instanceof Error ? error.message : String(error);
  if (inputCodes.test(code)) return { code, message, exitCode: 2 };
  if (fileCodes.has(code)) {
    const path = (error as NodeJS.ErrnoException).path;
    // Node writes a system error as "CODE: description, syscall 'path'"; the code is said once, by the line.
    const said = message.startsWith(`${code}: `) ? message.slice(code.length + 2) : message;
    return { code, message: `cannot use ${path ?? 'a file'}: ${said}`, exitCode: 2 };
  }
  return {
    code: code || 'INTERNAL',
    message: `internal error: ${message} (this is a bug in pkilab; PKILAB_DEBUG=1 shows where)`,
    exitCode: 70,
  };
};

/** Reports a failure on standard error: one line, or a JSON object when the command was asked for JSON. */
export const reportFailure = (io: Io, command: string, error: unknown, json: boolean): number => {
  const failure = failureOf(error);
  if (json) io.err(JSON.stringify({ ok: false, error: { code: failure.code, message: failure.message } }));
  else io.err(`pkilab${command ? ` ${command}` : ''}: ${failure.message}`);
  if (process.env.PKILAB_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
  return failure.exitCode;
};
