import { log, problems, seconds, type Row } from './tallies.ts';

export interface Totals {
  readonly lost: number;
  readonly corrupt: number;
  readonly crashes: number;
  readonly hangs: number;
  readonly refused: number;
}

/** What went wrong in all the rows together. */
const totalOf = (rows: readonly Row[]): Totals =>
  rows.reduce(
    (t, r) => ({
      lost: t.lost + r.lost,
      corrupt: t.corrupt + r.corrupt,
      crashes: t.crashes + r.crashes,
      hangs: t.hangs + r.hangs,
      refused: t.refused + r.refused,
    }),
    { lost: 0, corrupt: 0, crashes: 0, hangs: 0, refused: 0 },
  );

const widths = [20, 7, 5, 8, 8, 6, 8, 8];
const line = (values: readonly (string | number)[]) =>
  values.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]!) : String(v).padStart(widths[i]!))).join(' ');

/** Prints the problems (the first 40), the table of rows with its total, the notes and what the columns mean; answers the total. */
export const printReport = (rows: readonly Row[], seed: number, wall: number): Totals => {
  const total = totalOf(rows);
  if (problems.length > 0) {
    log(`\nProblems (${problems.length}):`);
    for (const p of problems.slice(0, 40)) log(`  ${p}`);
    if (problems.length > 40) log(`  … and ${problems.length - 40} more`);
  }
  log('');
  log(line(['', 'trials', 'lost', 'corrupt', 'crashes', 'hangs', 'refused', 'wall']));
  for (const r of rows) log(line([r.name, r.trials, r.lost, r.corrupt, r.crashes, r.hangs, r.refused, seconds(r.ms)]));
  log(line(['total', '', total.lost, total.corrupt, total.crashes, total.hangs, total.refused, seconds(wall)]));
  for (const r of rows) if (r.note) log(`  ${r.name}: ${r.note}`);
  log('  lost: acknowledged steps missing from a log; corrupt: trials whose log did not open or changed under a lock;');
  log(
    '  crashes: stack traces, exit codes other than 0, 1, 2; hangs: processes past their deadline; refused: a killed lab its next writer could not take over',
  );
  log(`  seed ${seed} (repeat with --seed ${seed}); wall time ${seconds(wall)}`);
  return total;
};
