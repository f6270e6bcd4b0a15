import type { Finished } from './pkilab-process.ts';

// How a pkilab process ended, said for reports: a stack trace it printed, a crash, a line with its output's end.

/** A JavaScript stack trace in what a process printed (what pkilab must never show). */
export const stackTraceIn = (text: string): string | undefined => {
  const frame =
    text.match(/^\s+at (?:.+ \()?(?:file:\/\/|node:|\/|<anonymous>).*$/m) ?? text.match(/^\s+at .*\.(?:ts|tsx|js|mjs|cjs):\d+:\d+\)?$/m);
  if (frame) return frame[0].trim();
  const internal =
    text.match(/node:internal\/[^\s]+/) ?? text.match(/^(?:Uncaught |Unhandled)\S*.*$/m) ?? text.match(/^\S+Error: .*\n\s+at /m);
  return internal?.[0];
};

const excerpt = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max)}…` : text).trim();

/** One line that says how a process ended, with its output's end, for reports. */
export const describeEnd = (f: Finished): string =>
  `\`pkilab ${f.args.join(' ')}\` → ${f.timedOut ? `timed out after ${f.ms} ms (killed)` : f.signal ? `signal ${f.signal}` : `exit ${f.code}`}` +
  `${f.err.trim() ? `\n    stderr: ${excerpt(f.err).replace(/\n/g, '\n    ')}` : ''}` +
  `${f.out.trim() ? `\n    stdout (end): ${excerpt(f.out.slice(-400)).replace(/\n/g, '\n    ')}` : ''}`;

/**
 * Whether a process that was not killed on purpose crashed: a stack trace, an exit code other than
 * 0, 1 or 2 (70 is pkilab's "internal error"), or death by a signal. Undefined when it ended properly.
 */
export const crashOf = (f: Finished): string | undefined => {
  if (f.timedOut) return undefined;
  const trace = stackTraceIn(f.err) ?? stackTraceIn(f.out);
  if (trace) return `stack trace (${trace}) from ${describeEnd(f)}`;
  if (f.killedBy) return undefined;
  if (f.signal) return `died of ${f.signal}: ${describeEnd(f)}`;
  if (f.code !== 0 && f.code !== 1 && f.code !== 2) return `exit ${f.code}: ${describeEnd(f)}`;
  return undefined;
};
