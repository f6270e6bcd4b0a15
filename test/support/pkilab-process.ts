// Starts real pkilab processes (node bin/pkilab.mjs …) with a deadline that kills, or runs a command in this
// process through the CLI's main; test/support/processes.ts gathers these with the trials built on them.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** What a child has printed so far, whether it ended and how; watchers run on each stdout chunk and at the end. */
interface Output {
  out: string;
  err: string;
  ended: boolean;
  timedOut: boolean;
  killedBy: NodeJS.Signals | undefined;
  readonly watchers: Set<() => void>;
}

/** Resolves true once stdout satisfies `test`, false when the child ends or `ms` pass first. */
const untilPrinted = (o: Output, test: RegExp | ((out: string) => boolean), ms: number): Promise<boolean> => {
  const ok = () => (typeof test === 'function' ? test(o.out) : test.test(o.out));
  if (ok()) return Promise.resolve(true);
  if (o.ended) return Promise.resolve(false);
  return new Promise((done) => {
    const timer = setTimeout(() => finish(false), ms);
    const watcher = () => {
      if (ok()) finish(true);
      else if (o.ended) finish(false);
    };
    const finish = (value: boolean) => {
      clearTimeout(timer);
      o.watchers.delete(watcher);
      done(value);
    };
    o.watchers.add(watcher);
  });
};

/** Collects the child's output into `o` and resolves when it closes; killed with SIGKILL (a hang) after `timeoutMs`. */
const watch = (child: ChildProcessWithoutNullStreams, o: Output, args: readonly string[], timeoutMs: number): Promise<Finished> => {
  const started = Date.now();
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    o.out += chunk;
    for (const w of [...o.watchers]) w();
  });
  child.stderr.on('data', (chunk: string) => (o.err += chunk));
  // A child that died leaves its stdin pipe broken; writes to it must not throw in the harness.
  child.stdin.on('error', () => undefined);
  const pid = child.pid ?? -1;
  const hardKill = () => signal(child, 'SIGKILL');
  live.set(pid, hardKill);
  const deadline = setTimeout(() => {
    o.timedOut = true;
    hardKill();
  }, timeoutMs);
  return new Promise<Finished>((resolvePromise) => {
    child.on('error', (error) => {
      o.err += `\n[harness] spawn failed: ${error.message}`;
    });
    child.on('close', (code, signal) => {
      o.ended = true;
      clearTimeout(deadline);
      live.delete(pid);
      for (const w of [...o.watchers]) w();
      const { out, err, timedOut, killedBy } = o;
      resolvePromise({ args, pid, code, signal, out, err, ms: Date.now() - started, timedOut, ...(killedBy ? { killedBy } : {}) });
    });
  });
};

const signal = (child: ChildProcessWithoutNullStreams, name: NodeJS.Signals) => {
  try {
    child.kill(name);
  } catch {
    // already gone
  }
};

/** Starts `node bin/pkilab.mjs ...args` with a deadline. */
export const startPkilab = (args: readonly string[], options: StartOptions = {}): Running => {
  const child = spawn(process.execPath, [pkilabBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: childEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const o: Output = { out: '', err: '', ended: false, timedOut: false, killedBy: undefined, watchers: new Set() };
  const finished = watch(child, o, args, options.timeoutMs ?? 60_000);
  if (options.input !== undefined) {
    child.stdin.write(options.input);
    child.stdin.end();
  }
  return {
    pid: child.pid ?? -1,
    args,
    out: () => o.out,
    err: () => o.err,
    send(text) {
      if (!o.ended && child.stdin.writable) child.stdin.write(text);
    },
    closeInput() {
      if (child.stdin.writable) child.stdin.end();
    },
    kill(name) {
      if (o.ended) return;
      o.killedBy ??= name;
      signal(child, name);
    },
    until: (test, ms) => untilPrinted(o, test, ms),
    finished,
  };
};

/** Runs pkilab to its end (or its deadline). */
export const pkilab = (args: readonly string[], options: StartOptions = {}): Promise<Finished> =>
  startPkilab(args, { input: '', ...options }).finished;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const scratch = (prefix = 'pkilab-trust-') => mkdtemp(join(tmpdir(), prefix));
export const removeScratch = (dir: string) => rm(dir, { recursive: true, force: true, maxRetries: 3 });
