// Drives real pkilab processes (node bin/pkilab.mjs …) for the trust tests and `npm run torture`: spawning
// with a deadline that kills, reading what a run acknowledged on stdout, reading a lab log without pkilab's
// own reader, and the two trials (kill-and-resume, two writers) both the test suite and the torture use.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const pkilabBin = join(repoRoot, 'bin', 'pkilab.mjs');

/** How a process ended. `timedOut`: it outlived its deadline and was killed (a hang). */
export interface Finished {
  readonly args: readonly string[];
  readonly pid: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
  readonly timedOut: boolean;
  /** The signal this harness sent on purpose (a kill trial), if any. */
  readonly killedBy?: NodeJS.Signals;
}

export interface Running {
  readonly pid: number;
  readonly args: readonly string[];
  out(): string;
  err(): string;
  /** Writes to the child's standard input (kept open unless `input` was given). */
  send(text: string): void;
  closeInput(): void;
  /** Sends a signal on purpose; recorded as `killedBy`. */
  kill(signal: NodeJS.Signals): void;
  /** Resolves true once stdout satisfies `test`, false when the child ends or `ms` pass first. */
  until(test: RegExp | ((out: string) => boolean), ms: number): Promise<boolean>;
  readonly finished: Promise<Finished>;
}

export interface StartOptions {
  /** Written to stdin, which is then closed. Without it stdin stays open until closeInput(). */
  readonly input?: string;
  /** Deadline: the child is killed with SIGKILL after this long and reported as timed out. */
  readonly timeoutMs?: number;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

const live = new Map<number, () => void>();

/** Kills (SIGKILL, by pid) every child this module started that is still running. For after-hooks. */
export const stopAll = (): void => {
  for (const stop of [...live.values()]) stop();
};

const childEnv = (extra: Readonly<Record<string, string>> = {}) => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'FORCE_COLOR' && k !== 'PKILAB_DEBUG') env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
};

/** Starts `node bin/pkilab.mjs ...args` with a deadline. */
export const startPkilab = (args: readonly string[], options: StartOptions = {}): Running => {
  const started = Date.now();
  const child = spawn(process.execPath, [pkilabBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: childEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let timedOut = false;
  let killedBy: NodeJS.Signals | undefined;
  let ended = false;
  const watchers = new Set<() => void>();
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    for (const w of [...watchers]) w();
  });
  child.stderr.on('data', (chunk: string) => (err += chunk));
  // A child that died leaves its stdin pipe broken; writes to it must not throw in the harness.
  child.stdin.on('error', () => undefined);
  const pid = child.pid ?? -1;
  const hardKill = () => {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  };
  live.set(pid, hardKill);
  const deadline = setTimeout(() => {
    timedOut = true;
    hardKill();
  }, options.timeoutMs ?? 60_000);
  const finished = new Promise<Finished>((resolvePromise) => {
    child.on('error', (error) => {
      err += `\n[harness] spawn failed: ${error.message}`;
    });
    child.on('close', (code, signal) => {
      ended = true;
      clearTimeout(deadline);
      live.delete(pid);
      for (const w of [...watchers]) w();
      resolvePromise({ args, pid, code, signal, out, err, ms: Date.now() - started, timedOut, ...(killedBy ? { killedBy } : {}) });
    });
  });
  if (options.input !== undefined) {
    child.stdin.write(options.input);
    child.stdin.end();
  }
  return {
    pid,
    args,
    out: () => out,
    err: () => err,
    send(text) {
      if (!ended && child.stdin.writable) child.stdin.write(text);
    },
    closeInput() {
      if (child.stdin.writable) child.stdin.end();
    },
    kill(signal) {
      if (ended) return;
      killedBy ??= signal;
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    },
    until(test, ms) {
      const ok = () => (typeof test === 'function' ? test(out) : test.test(out));
      if (ok()) return Promise.resolve(true);
      if (ended) return Promise.resolve(false);
      return new Promise((done) => {
        const timer = setTimeout(() => finish(false), ms);
        const watcher = () => {
          if (ok()) finish(true);
          else if (ended) finish(false);
        };
        const finish = (value: boolean) => {
          clearTimeout(timer);
          watchers.delete(watcher);
          done(value);
        };
        watchers.add(watcher);
      });
    },
    finished,
  };
};

/** Runs pkilab to its end (or its deadline). */
export const pkilab = (args: readonly string[], options: StartOptions = {}): Promise<Finished> =>
  startPkilab(args, { input: '', ...options }).finished;

/**
 * Runs a pkilab command that needs no standard input (findings, travel …) inside this process, through the
 * same `main` the bin script calls: the same code and exit codes without a process start (≈1.5 s of CPU).
 */
export const pkilabInProcess = async (args: readonly string[], options: { timeoutMs?: number } = {}): Promise<Finished> => {
  const { main } = await import('../../adapters/cli/main.ts');
  const started = Date.now();
  const out: string[] = [];
  const err: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), options.timeoutMs ?? 60_000)));
  const code = await Promise.race([main([...args], { out: (l) => out.push(l), err: (l) => err.push(l) }), deadline]).finally(() =>
    clearTimeout(timer),
  );
  const text = (lines: string[]) => (lines.length ? `${lines.join('\n')}\n` : '');
  return {
    args,
    pid: process.pid,
    code: code === 'timeout' ? null : code,
    signal: null,
    out: text(out),
    err: text(err),
    ms: Date.now() - started,
    timedOut: code === 'timeout',
  };
};

/** Where the read-only commands of a trial run: their own processes, or this one. */
export type Readers = 'processes' | 'in-process';
const reader = (readers: Readers | undefined) => (readers === 'in-process' ? pkilabInProcess : pkilab);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const scratch = (prefix = 'pkilab-trust-') => mkdtemp(join(tmpdir(), prefix));
export const removeScratch = (dir: string) => rm(dir, { recursive: true, force: true, maxRetries: 3 });

// ————————————————————————————————————————————— what went wrong

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

// ————————————————————————————————————————————— acknowledged steps

/** A step a run printed as taken: it printed the line only after the step's append returned. */
export interface PrintedStep {
  readonly procedure: string;
  readonly title: string;
  readonly outcome: 'done' | 'skipped' | 'rejected';
  readonly time: string;
}

/**
 * The steps a `pkilab run` (text output, one scenario) printed, from complete lines only (a run killed
 * mid-write may leave a partial last line). "Not reached" steps were never taken and are left out.
 */
export const printedSteps = (stdout: string): PrintedStep[] => {
  const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1).split('\n');
  const steps: PrintedStep[] = [];
  let procedure = '';
  for (const line of complete) {
    if (/^(Findings \(|Expectations:|PASS:|FAIL:)/.test(line)) break;
    const header = line.match(/^ {2}([a-z0-9][a-z0-9-]*)$/);
    if (header) {
      procedure = header[1]!;
      continue;
    }
    const step = line.match(/^ {2}([✓–✗]) (\d\d:\d\d) {2}(.+?)( \(skipped\))?$/u);
    if (step)
      steps.push({
        procedure,
        title: step[3]!,
        time: step[2]!,
        outcome: step[1] === '✓' ? 'done' : step[1] === '✗' ? 'rejected' : 'skipped',
      });
  }
  return steps;
};

/** The input events of a lab log as `pkilab travel LOG log --json` lists them: `step` is "procedure › step-id". */
export interface LoggedAction {
  readonly position: number;
  readonly procedure: string;
  readonly step: string;
}

export const actionsOfTravelLog = (json: string): LoggedAction[] =>
  (JSON.parse(json) as { events: Array<{ position: number; type: string; procedure: string | null; step: string | null }> }).events
    .filter((e) => e.type === 'ActionTaken')
    .map((e) => ({ position: e.position, procedure: e.procedure ?? '', step: e.step ?? '' }));

let titles: Map<string, string> | undefined;
/** Step titles by "procedure/step-id", from the catalog pkilab itself uses. */
export const stepTitles = async (): Promise<Map<string, string>> => {
  if (titles) return titles;
  const { procedures } = await import('../../workflows/index.ts');
  titles = new Map(procedures.flatMap((p) => p.steps.map((s) => [`${p.id}/${s.id}`, s.title] as const)));
  return titles;
};

/**
 * The acknowledged steps missing from a log: the printed steps must be, in order, the first ActionTaken
 * entries of the log (the log may hold more: steps whose line the run did not get to print).
 */
export const lostSteps = async (printed: readonly PrintedStep[], logged: readonly LoggedAction[]): Promise<PrintedStep[]> => {
  const names = await stepTitles();
  let i = 0;
  for (; i < printed.length && i < logged.length; i += 1) {
    const p = printed[i]!;
    const l = logged[i]!;
    if (p.procedure !== l.procedure || p.title !== names.get(`${l.procedure}/${l.step}`)) break;
  }
  return printed.slice(i);
};

// ————————————————————————————————————————————— the log, read without pkilab's reader

export interface RawLog {
  readonly exists: boolean;
  /** Complete lines, parsed. */
  readonly events: ReadonlyArray<{ type: string; position: number; data?: Record<string, unknown>; at?: string }>;
  /** Bytes after the last newline (an append cut short). */
  readonly tornBytes: number;
  /** Complete lines that are not JSON, or positions that do not count 1, 2, 3… */
  readonly problems: readonly string[];
  /** The complete lines as written, to compare a log before and after a resume. */
  readonly lines: readonly string[];
}

/** Reads a lab log line by line, independently of pkilab's reader: the harness's own opinion of the file. */
export const readRawLog = async (path: string): Promise<RawLog> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, events: [], tornBytes: 0, problems: [], lines: [] };
    throw error;
  }
  const end = text.lastIndexOf('\n') + 1;
  const lines = text.slice(0, end).split('\n').slice(0, -1);
  const problems: string[] = [];
  const events: RawLog['events'][number][] = [];
  lines.forEach((line, i) => {
    try {
      const event = JSON.parse(line) as RawLog['events'][number];
      if (event.position !== i + 1) problems.push(`${path}:${i + 1}: position ${event.position}, expected ${i + 1}`);
      events.push(event);
    } catch {
      problems.push(`${path}:${i + 1}: not JSON: ${line.slice(0, 80)}`);
    }
  });
  return { exists: true, events, tornBytes: Buffer.byteLength(text.slice(end)), problems, lines };
};

export const actionsOfRawLog = (log: RawLog): LoggedAction[] =>
  log.events
    .filter((e) => e.type === 'ActionTaken')
    .map((e) => ({ position: e.position, procedure: String(e.data?.procedure ?? ''), step: String(e.data?.step ?? '') }));

/** The procedure a lab was in last (the last one started), to continue it. */
export const lastProcedureOf = (log: RawLog): string | undefined =>
  [...log.events].reverse().find((e) => e.type === 'ProcedureStarted')?.data?.procedure as string | undefined;

// ————————————————————————————————————————————— trials

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

const describeMoment = (m: KillMoment) =>
  'afterMs' in m ? `${m.afterMs} ms after start` : `${m.thenMs} ms after step line ${m.afterStep}`;

/** Procedure ids in catalog order (the stepper numbers them from 1). */
const procedureIds = async (): Promise<string[]> => (await import('../../workflows/index.ts')).procedures.map((p) => p.id);

/**
 * Kills `pkilab run` at a moment, then checks what the lab says after: the log opens (`pkilab findings`
 * exits 0, or 2 saying it holds no events when the kill came before the first append), every step printed
 * before the kill is in it (`pkilab travel LOG log --json`), and the lab continues (`pkilab step --plain
 * --lab LOG` quits cleanly without touching the log; with the procedure named and `1`, `q` it takes a
 * step, which is appended after what was there).
 */
export const killAndResume = async (trial: KillTrial): Promise<TrialReport> => {
  const started = Date.now();
  const timeoutMs = trial.timeoutMs ?? 60_000;
  const problems: Problem[] = [];
  const notes: string[] = [];
  const log = join(trial.dir, 'lab.jsonl');
  const name = `${trial.signal} ${trial.scenario} ${describeMoment(trial.moment)}${trial.force ? ' (--force over a lab)' : ''}`;
  const ended = (f: Finished, expectCodes: readonly number[], what: string): boolean => {
    if (f.timedOut) return (problems.push({ kind: 'hang', detail: `${what}: ${describeEnd(f)}` }), false);
    const crash = crashOf(f);
    if (crash) return (problems.push({ kind: 'crash', detail: `${what}: ${crash}` }), false);
    if (f.code !== null && !expectCodes.includes(f.code))
      return (problems.push({ kind: 'crash', detail: `${what}: unexpected exit: ${describeEnd(f)}` }), false);
    return true;
  };

  // 1. the run, killed
  const runArgs = trial.scenario === '--all' ? ['run', '--all', '--out', trial.dir] : ['run', trial.scenario, '--out', trial.dir];
  if (trial.force) runArgs.push('--force');
  const run = startPkilab(runArgs, { timeoutMs });
  if ('afterMs' in trial.moment) await Promise.race([sleep(trial.moment.afterMs), run.finished]);
  else {
    const n = trial.moment.afterStep;
    await run.until((out) => printedSteps(out).length >= n, timeoutMs);
    await Promise.race([sleep(trial.moment.thenMs), run.finished]);
  }
  run.kill(trial.signal);
  const killed = await run.finished;
  if (!killed.killedBy || killed.code !== null) notes.push(`the run ended (exit ${killed.code}) before the ${trial.signal}`);
  if (!ended(killed, [0, 1], 'the killed run')) return { name, problems, acknowledged: 0, lost: 0, notes, ms: Date.now() - started };
  const printed = printedSteps(killed.out);
  notes.push(`${printed.length} step(s) acknowledged before the kill`);

  // 2. the log opens
  const before = await readRawLog(log);
  if (before.problems.length > 0) problems.push({ kind: 'corrupt', detail: `after the kill: ${before.problems.join('; ')}` });
  if (before.tornBytes > 0) notes.push(`a torn last line of ${before.tornBytes} bytes`);
  const read = reader(trial.readers);
  const findings = await read(['findings', log], { timeoutMs });
  let opened = false;
  if (ended(findings, [0, 2], 'findings after the kill')) {
    if (findings.code === 0) opened = true;
    else if (before.events.length === 0 && printed.length === 0 && /holds no events/.test(findings.err))
      notes.push('killed before the first append: no events');
    else problems.push({ kind: 'corrupt', detail: `the log does not open after the kill: ${describeEnd(findings)}` });
  }

  // 3. every acknowledged step is in it
  let lost = 0;
  if (opened) {
    const travel = await read(['travel', log, 'log', '--json'], { timeoutMs });
    if (ended(travel, [0], 'travel log after the kill')) {
      const missing = await lostSteps(printed, actionsOfTravelLog(travel.out));
      lost = missing.length;
      if (lost > 0)
        problems.push({
          kind: 'lost',
          detail: `${lost} acknowledged step(s) missing from ${log}: ${missing.map((s) => `${s.procedure} › ${s.title}`).join('; ')}`,
        });
    }
  } else if (printed.length > 0) {
    lost = printed.length;
    problems.push({ kind: 'lost', detail: `the log does not open, and ${printed.length} step(s) were acknowledged` });
  }

  // 4. the lab continues
  const ids = await procedureIds();
  const procedure = lastProcedureOf(before) ?? (trial.scenario === '--all' ? ids[0]! : undefined);
  if (trial.quitOnly !== false) {
    const quit = await pkilab(['step', '--plain', '--lab', log], { input: 'q\n', timeoutMs });
    if (ended(quit, [0, 2], 'step --lab with q')) {
      if (quit.code === 2) {
        if (/being written by|taken by another process/.test(quit.err))
          problems.push({ kind: 'refused', detail: `the killed run's lock was not taken over: ${describeEnd(quit)}` });
        else if (!(before.events.length === 0 && /holds no lab log/.test(quit.err)))
          problems.push({ kind: 'crash', detail: `step --lab refused a lab that holds events: ${describeEnd(quit)}` });
      }
      const after = await readRawLog(log);
      if (before.events.length === 0 && after.events.length > 0) {
        // A log with no complete event is a creation cut short: the stepper creates the lab in it as it opens.
        if (after.problems.length > 0 || after.events[0]?.type !== 'LabCreated' || actionsOfRawLog(after).length > 0) {
          problems.push({
            kind: 'corrupt',
            detail: `step --lab with q alone on a lab killed before its first append: ${after.problems.join('; ') || `${after.events.length} events, first ${after.events[0]?.type}, ${actionsOfRawLog(after).length} actions`}`,
          });
        } else notes.push(`step --lab created the lab whose creation was cut short (${after.events.length} events)`);
      } else if (after.lines.join('\n') !== before.lines.join('\n')) {
        problems.push({
          kind: 'corrupt',
          detail: `step --lab with q alone changed the log (${before.lines.length} → ${after.lines.length} lines)`,
        });
      }
    }
  }
  // Continue the procedure the run was in: name it, take its current step with the first choice, quit.
  const target = procedure ?? (await scenarioFirstProcedure(trial.scenario));
  const resume = await pkilab(['step', '--plain', '--lab', log, ...(target ? [target] : [])], { input: '1\nq\n', timeoutMs });
  if (ended(resume, [0, 2], 'step --lab, 1, q')) {
    if (resume.code === 2) {
      if (/being written by|taken by another process/.test(resume.err))
        problems.push({ kind: 'refused', detail: `the killed run's lock was not taken over: ${describeEnd(resume)}` });
      else if (before.events.length > 0) problems.push({ kind: 'crash', detail: `the lab does not continue: ${describeEnd(resume)}` });
      else {
        notes.push(`no log to continue (killed before the first append); step --lab refuses it: ${resume.err.trim().split('\n')[0]}`);
        // Nothing to continue: a new lab in the same folder (pkilab marked it as its own) must start at once.
        const fresh = await pkilab(['step', '--plain', '--out', trial.dir, ...(target ? [target] : [])], { input: '1\nq\n', timeoutMs });
        if (ended(fresh, [0, 2], 'step --out in the folder of a run killed before its first append')) {
          if (fresh.code === 2)
            problems.push({
              kind: /being written by|taken by another process/.test(fresh.err) ? 'refused' : 'crash',
              detail: `no new lab in the folder of a run killed before its first append: ${describeEnd(fresh)}`,
            });
          else {
            const after = await readRawLog(log);
            if (after.problems.length > 0 || after.events[0]?.type !== 'LabCreated' || actionsOfRawLog(after).length !== 1) {
              problems.push({
                kind: 'corrupt',
                detail: `the new lab's log: ${after.problems.join('; ') || `${after.events.length} events, first ${after.events[0]?.type}, ${actionsOfRawLog(after).length} actions`}`,
              });
            }
          }
        }
      }
    } else {
      const after = await readRawLog(log);
      if (after.problems.length > 0) problems.push({ kind: 'corrupt', detail: `after the resumed step: ${after.problems.join('; ')}` });
      const kept = before.lines.every((line, i) => after.lines[i] === line);
      if (!kept)
        problems.push({
          kind: 'corrupt',
          detail: `the resumed step changed what was in the log before it (${before.lines.length} lines before, ${after.lines.length} after)`,
        });
      const taken = actionsOfRawLog(after).length - actionsOfRawLog(before).length;
      if (taken !== 1)
        problems.push({ kind: 'crash', detail: `the resumed step recorded ${taken} action(s), expected 1: ${describeEnd(resume)}` });
      if (after.events.length > 0 && after.events[0]!.type !== 'LabCreated')
        problems.push({ kind: 'corrupt', detail: `the log's first event is ${after.events[0]!.type}, not LabCreated` });
      const final = await read(['findings', log], { timeoutMs });
      if (ended(final, [0], 'findings after the resumed step') && final.code !== 0)
        problems.push({ kind: 'corrupt', detail: describeEnd(final) });
    }
  }
  return { name, problems, acknowledged: printed.length, lost, notes, ms: Date.now() - started };
};

const scenarioFirstProcedure = async (scenario: string): Promise<string | undefined> => {
  if (scenario === '--all') return (await procedureIds())[0];
  const text = await readFile(resolve(repoRoot, scenario), 'utf8').catch(() => '');
  const first = (parseYaml(text) as { procedures?: Array<string | { procedure?: string }> } | null)?.procedures?.[0];
  return typeof first === 'string' ? first : first?.procedure;
};

export type SecondWriter = 'step-out' | 'step-lab' | 'run-force' | 'run-no-force' | 'step-new';

export interface TwoWriterTrial {
  readonly dir: string;
  /** The second writers, started together while the first holds the lab. */
  readonly second: SecondWriter | readonly SecondWriter[];
  readonly timeoutMs?: number;
  readonly readers?: Readers;
}

/**
 * One writer holds a lab (`pkilab step --plain --out DIR iis-web-server-certificate`, stdin open); second
 * writers are started on the same lab and must each be refused with exit 2 naming the holder (its pid and
 * command) without touching the log; the first then takes a step and quits, and the log stays valid.
 */
export const twoWriters = async (trial: TwoWriterTrial): Promise<TrialReport> => {
  const started = Date.now();
  const timeoutMs = trial.timeoutMs ?? 60_000;
  const seconds = typeof trial.second === 'string' ? [trial.second] : trial.second;
  const problems: Problem[] = [];
  const notes: string[] = [];
  const log = join(trial.dir, 'lab.jsonl');
  const name = `two writers: step holds, ${seconds.join(' + ')} refused`;
  const check = (f: Finished, what: string): boolean => {
    if (f.timedOut) return (problems.push({ kind: 'hang', detail: `${what}: ${describeEnd(f)}` }), false);
    const crash = crashOf(f);
    if (crash) return (problems.push({ kind: 'crash', detail: `${what}: ${crash}` }), false);
    return true;
  };
  const first = startPkilab(['step', '--plain', '--out', trial.dir, 'iis-web-server-certificate'], { timeoutMs });
  try {
    if (!(await first.until(/Choices:/, timeoutMs))) {
      first.kill('SIGKILL');
      const f = await first.finished;
      check(f, 'the first writer');
      problems.push({ kind: 'crash', detail: `the first writer never showed its first step: ${describeEnd(f)}` });
      return { name, problems, acknowledged: 0, lost: 0, notes, ms: Date.now() - started };
    }
    const held = await readRawLog(log);
    const secondArgs: Record<SecondWriter, string[]> = {
      'step-out': ['step', '--plain', '--out', trial.dir, 'iis-web-server-certificate'],
      'step-lab': ['step', '--plain', '--lab', log],
      'step-new': ['step', '--plain', '--new', '--out', trial.dir, 'iis-web-server-certificate'],
      'run-force': ['run', 'scenarios/iis-web-server-certificate.yaml', '--out', trial.dir, '--force'],
      'run-no-force': ['run', 'scenarios/iis-web-server-certificate.yaml', '--out', trial.dir],
    };
    const refused = await Promise.all(seconds.map((s) => pkilab(secondArgs[s], { input: '1\nq\n', timeoutMs })));
    for (const second of refused) {
      if (!check(second, 'a second writer')) continue;
      if (second.code !== 2) problems.push({ kind: 'corrupt', detail: `a second writer was not refused: ${describeEnd(second)}` });
      else if (!second.err.includes(`process ${first.pid} `) || !/\(pkilab step\)/.test(second.err)) {
        problems.push({
          kind: 'crash',
          detail: `the refusal does not name the holder (pid ${first.pid}, pkilab step): ${describeEnd(second)}`,
        });
      }
      const lines = second.err.trim().split('\n').length;
      if (lines !== 1) problems.push({ kind: 'crash', detail: `the refusal is ${lines} lines, not one: ${describeEnd(second)}` });
    }
    const during = await readRawLog(log);
    if (during.lines.join('\n') !== held.lines.join('\n'))
      problems.push({
        kind: 'corrupt',
        detail: `the log changed while the first writer held it (${held.lines.length} → ${during.lines.length} lines)`,
      });
    // The first writer goes on: one step, then quit.
    const shown = first.out().length;
    first.send('1\n');
    const stepped = await first.until((out) => /: done|: rejected/.test(out.slice(shown)), timeoutMs);
    if (!stepped)
      problems.push({ kind: 'crash', detail: `the first writer did not take its step after the refusal: ${first.err().slice(-400)}` });
    first.send('q\n');
    first.closeInput();
    const f = await first.finished;
    if (check(f, 'the first writer') && f.code !== 0)
      problems.push({ kind: 'crash', detail: `the first writer ended badly: ${describeEnd(f)}` });
    const after = await readRawLog(log);
    if (after.problems.length > 0 || after.tornBytes > 0)
      problems.push({ kind: 'corrupt', detail: `${after.problems.join('; ')} (torn bytes: ${after.tornBytes})` });
    if (stepped && actionsOfRawLog(after).length !== actionsOfRawLog(held).length + 1) {
      problems.push({
        kind: 'lost',
        detail: `the first writer's step is not in the log (${actionsOfRawLog(held).length} → ${actionsOfRawLog(after).length} actions)`,
      });
    }
    const findings = await reader(trial.readers)(['findings', log], { timeoutMs });
    if (check(findings, 'findings after two writers') && findings.code !== 0)
      problems.push({ kind: 'corrupt', detail: describeEnd(findings) });
  } finally {
    first.kill('SIGKILL');
    await first.finished;
  }
  return { name, problems, acknowledged: 0, lost: problems.filter((p) => p.kind === 'lost').length, notes, ms: Date.now() - started };
};

/** Two writers started at the same moment on a fresh folder: exactly one may hold the lab. */
export const racingWriters = async (dir: string, timeoutMs = 60_000, readers?: Readers): Promise<TrialReport> => {
  const started = Date.now();
  const problems: Problem[] = [];
  const notes: string[] = [];
  const log = join(dir, 'lab.jsonl');
  const args = ['step', '--plain', '--out', dir, 'iis-web-server-certificate'];
  const a = startPkilab(args, { timeoutMs });
  const b = startPkilab(args, { timeoutMs });
  try {
    const outcome = (r: Running) =>
      Promise.race([r.until(/Choices:/, timeoutMs).then((shown) => (shown ? 'holds' : 'ended')), r.finished.then(() => 'ended')]);
    const [oa, ob] = await Promise.all([outcome(a), outcome(b)]);
    const holders = [oa, ob].filter((o) => o === 'holds').length;
    if (holders !== 1) problems.push({ kind: 'corrupt', detail: `${holders} processes hold the lab at once` });
    for (const [r, o] of [
      [a, oa],
      [b, ob],
    ] as const) {
      if (o === 'holds') {
        r.send('1\nq\n');
        r.closeInput();
      }
      const f = await r.finished;
      const crash = crashOf(f);
      if (f.timedOut) problems.push({ kind: 'hang', detail: describeEnd(f) });
      else if (crash) problems.push({ kind: 'crash', detail: crash });
      else if (o === 'ended' && (f.code !== 2 || !/being written by|taken by another process/.test(f.err)))
        problems.push({ kind: 'crash', detail: `the refused writer: ${describeEnd(f)}` });
    }
    const after = await readRawLog(log);
    if (after.problems.length > 0 || after.tornBytes > 0)
      problems.push({ kind: 'corrupt', detail: `${after.problems.join('; ')} (torn bytes: ${after.tornBytes})` });
    const findings = await reader(readers)(['findings', log], { timeoutMs });
    if (findings.code !== 0) problems.push({ kind: findings.timedOut ? 'hang' : 'corrupt', detail: describeEnd(findings) });
  } finally {
    a.kill('SIGKILL');
    b.kill('SIGKILL');
    await Promise.all([a.finished, b.finished]);
  }
  return { name: 'two writers started at once', problems, acknowledged: 0, lost: 0, notes, ms: Date.now() - started };
};

/** Runs jobs with at most `width` at a time, in order of start. */
export const pool = async <T, R>(items: readonly T[], width: number, job: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
};
