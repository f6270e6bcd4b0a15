// What every bench section shares: repeated runs, their spread, ratios against a baseline of the same run.
import { performance } from 'node:perf_hooks';

export interface BenchContext {
  /** How many times each figure is measured (at least 3). */
  readonly runs: number;
  readonly out: (line: string) => void;
}

/**
 * One section of `npm run bench`. Every file in scripts/bench/ that exports `section` is one (PostgreSQL, for
 * instance, adds scripts/bench/postgres.ts); they run in `order`, and `npm run bench -- NAME…` runs only those.
 */
export interface BenchSection {
  readonly name: string;
  readonly title: string;
  readonly order: number;
  run(context: BenchContext): Promise<void>;
}

export const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

export const timed = async <T>(work: () => T | Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
};

export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly p99: number;
  readonly n: number;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

export const spread = (samples: readonly number[]): Spread => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { min: sorted[0]!, median: quantile(sorted, 0.5), max: sorted.at(-1)!, p99: quantile(sorted, 0.99), n: sorted.length };
};

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A figure as min / median / max over its runs, with its unit and the target it is held to. */
export const figure = (label: string, samples: readonly number[], unit: string, options: { digits?: number; target?: string } = {}) => {
  const s = spread(samples);
  const d = options.digits ?? 0;
  const values = `${fmt(s.min, d)} / ${fmt(s.median, d)} / ${fmt(s.max, d)}`;
  return `  ${label.padEnd(44)} ${values.padStart(28)} ${unit.padEnd(12)}${options.target ? ` target ${options.target}` : ''}`.trimEnd();
};

/** The ratio of each run's pkilab figure to the same run's baseline, as min / median / max. */
export const ratios = (label: string, pkilab: readonly number[], baseline: readonly number[], target?: string): string =>
  figure(
    label,
    pkilab.map((p, i) => p / baseline[i]!),
    '×',
    { digits: 3, ...(target ? { target } : {}) },
  );

export const header = (context: BenchContext, title: string, detail: string) =>
  context.out(`\n${title} (${detail}; each figure min / median / max of ${context.runs} runs)`);

/** Runs `once` the given number of times, collecting what each run returns (several figures per run). */
export const repeat = async <T>(runs: number, once: (run: number) => Promise<T>): Promise<T[]> => {
  const results: T[] = [];
  for (let run = 0; run < runs; run += 1) results.push(await once(run));
  return results;
};
