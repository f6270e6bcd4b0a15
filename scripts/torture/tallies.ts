import type { Problem, ProblemKind, TrialReport } from '../../test/support/processes.ts';

/** One line of the torture's table: its trials and what went wrong in them. */
export interface Row {
  readonly name: string;
  trials: number;
  lost: number;
  corrupt: number;
  crashes: number;
  hangs: number;
  refused: number;
  ms: number;
  note: string;
}
export const row = (name: string): Row => ({ name, trials: 0, lost: 0, corrupt: 0, crashes: 0, hangs: 0, refused: 0, ms: 0, note: '' });

/** Every problem of the run, as the report lists them. */
export const problems: string[] = [];

export const tally = (r: Row, kind: ProblemKind, amount = 1) => {
  if (kind === 'lost') r.lost += amount;
  else if (kind === 'corrupt') r.corrupt += amount;
  else if (kind === 'crash') r.crashes += amount;
  else if (kind === 'hang') r.hangs += amount;
  else r.refused += amount;
};

/** A trial's problems into the row: lost counts steps, the others count trials with that kind of problem. */
export const record = (r: Row, report: TrialReport, where: string) => {
  r.trials += 1;
  r.lost += report.lost;
  for (const kind of new Set(report.problems.map((p) => p.kind))) if (kind !== 'lost') tally(r, kind);
  for (const p of report.problems)
    problems.push(`[${r.name}: ${p.kind}] ${report.name} (${where})\n    ${p.detail.replace(/\n/g, '\n    ')}`);
};

export const problemLine = (ps: readonly Problem[]) =>
  ps.length === 0 ? 'ok' : `PROBLEM ${[...new Set(ps.map((p) => p.kind))].join(', ')}`;

export const seconds = (ms: number) =>
  ms >= 60_000 ? `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s` : `${(ms / 1000).toFixed(1)}s`;

export const log = (line: string) => process.stdout.write(`${line}\n`);

/** mulberry32: the trials are drawn from --seed, so a run can be repeated. */
export const prng = (s: number) => () => {
  s = (s + 0x6d2b79f5) | 0;
  let t = Math.imul(s ^ (s >>> 15), 1 | s);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
