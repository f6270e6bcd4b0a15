import { spawn } from 'node:child_process';
import { repoRoot, type ProblemKind } from '../../test/support/processes.ts';
import { log, problems, seconds, tally, type Row } from './tallies.ts';

// Generated scenarios and mutated logs: the torture runs itself in property mode, one child process for each.

interface PropertyResult {
  which: string;
  runs: number;
  failures: string[];
  missing?: string;
  ms: number;
  parsed?: number;
  refused?: number;
}

/** The runner's result: the last line it printed, as JSON (undefined when it printed none). */
const lastJsonLine = (out: string): PropertyResult | undefined => {
  try {
    return JSON.parse(out.trim().split('\n').at(-1) ?? '') as PropertyResult;
  } catch {
    return undefined;
  }
};

/** What a runner's failure counts as: a hang when it timed a run out, corruption when logs disagree, else a crash. */
const failureKind = (which: string, failure: string): ProblemKind =>
  /took \d+ ms/.test(failure) ? 'hang' : which === 'logs' && /disagree|vouched|fold/i.test(failure) ? 'corrupt' : 'crash';

/** How the property runner is started: the torture script itself, its seed, the least deadline. */
export interface Runner {
  readonly script: string;
  readonly seed: number;
  readonly timeoutMs: number;
}

/** Runs one property runner (a child process) to its end or its deadline, and fills the row with what it found. */
export const property = (which: 'scenarios' | 'logs', runs: number, r: Row, { script, seed, timeoutMs }: Runner): Promise<void> =>
  new Promise((resolvePromise) => {
    if (runs === 0) return resolvePromise();
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, '--property', which, '--runs', String(runs), '--seed', String(seed)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const deadline = setTimeout(() => child.kill('SIGKILL'), Math.max(timeoutMs, runs * (which === 'scenarios' ? 100 : 500)));
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      r.ms = Date.now() - t0;
      const result = lastJsonLine(out);
      if (signal === 'SIGKILL') {
        r.hangs += 1;
        problems.push(`[${r.name}: hang] the ${which} runner passed its deadline and was killed\n    ${err.trim().slice(-600)}`);
      } else if (!result || code !== 0) {
        r.crashes += 1;
        problems.push(`[${r.name}: crash] the ${which} runner ended with exit ${code}\n    ${err.trim().slice(-1200)}`);
      } else if (result.missing) {
        r.note = `HOOK: no runner yet (${result.missing.split('\n')[0]})`;
      } else {
        r.trials = result.runs;
        for (const failure of result.failures) {
          // The runners stop a batch at its first counterexample (shrunk); each is one failure.
          const kind = failureKind(which, failure);
          tally(r, kind);
          problems.push(`[${r.name}: ${kind}] ${failure.slice(0, 2000)}`);
        }
        r.note =
          which === 'scenarios'
            ? `${result.parsed} parsed, ${result.refused} refused with file:line:column`
            : 'checked, folded, fast path = zod';
        if (result.failures.length > 0) r.note += `; ${result.failures.length} batch(es) stopped at a counterexample`;
      }
      log(
        `  [${which}] ${r.trials} run(s): ${r.crashes + r.hangs + r.corrupt === 0 && !result?.missing ? 'ok' : r.note.startsWith('HOOK') ? r.note : 'PROBLEM'}, ${seconds(r.ms)}`,
      );
      resolvePromise();
    });
  });
