import { pkilab, type Finished } from './pkilab-process.ts';

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
export const reader = (readers: Readers | undefined) => (readers === 'in-process' ? pkilabInProcess : pkilab);
