import type { TrialReport } from '../../test/support/processes.ts';

// When the kill trials struck and what the stepper said after, for the kill row's note.

/** What `pkilab step --lab` said of a lab killed before its first append (distinct messages). */
const refusals = new Set<string>();
const moments = { beforeFirstAppend: 0, midRun: 0, afterEnd: 0, acknowledged: 0, torn: 0, force: 0, sigint: 0 };

/** Counts when a kill trial struck (before the first append, mid-run, after the end), how, and what the stepper said. */
export const countMoment = (report: TrialReport, how: { force: boolean; sigint: boolean }) => {
  moments.acknowledged += report.acknowledged;
  if (how.force) moments.force += 1;
  if (how.sigint) moments.sigint += 1;
  if (report.notes.some((n) => n.includes('before the first append'))) moments.beforeFirstAppend += 1;
  else if (report.notes.some((n) => n.startsWith('the run ended'))) moments.afterEnd += 1;
  else moments.midRun += 1;
  if (report.notes.some((n) => n.includes('torn last line'))) moments.torn += 1;
  for (const n of report.notes) {
    const refusal = n.match(/step --lab refuses it: (.*)$/)?.[1];
    if (refusal) refusals.add(refusal.replace(/\/\S*pkilab-torture-[^/\s]+/g, 'DIR'));
  }
};

/** The kill row's note on the moments: the refusals met and the counts of each moment. */
export const momentsNote = (): string =>
  `${refusals.size > 0 ? `; a lab killed before its first append, continued: ${[...refusals].map((r) => `"${r}"`).join(' | ')}` : ''}; ${moments.acknowledged} acknowledged steps checked; killed before the first append ${moments.beforeFirstAppend}, mid-run ${moments.midRun}, after the run ended ${moments.afterEnd}; ${moments.torn} torn last lines; ${moments.force} over a lab with --force; ${moments.sigint} SIGINT`;
