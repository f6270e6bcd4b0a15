// Drives real pkilab processes for the trust tests and `npm run torture`: spawning with a deadline that kills
// (pkilab-process.ts), how a process ended (process-end.ts), what a run acknowledged on stdout and a lab log read
// without pkilab's own reader (raw-log.ts), and the trials both the test suite and the torture use: kill-and-resume
// (kill-trial.ts), two writers (writer-trials.ts).
export { killAndResume } from './kill-trial.ts';
export { pkilabInProcess } from './pkilab-in-process.ts';
export {
  pkilab,
  removeScratch,
  repoRoot,
  scratch,
  startPkilab,
  stopAll,
  type Finished,
  type Running,
} from './pkilab-process.ts';
export { crashOf, describeEnd } from './process-end.ts';
export { actionsOfTravelLog, lostSteps, printedSteps, readRawLog } from './raw-log.ts';
export type { KillMoment, KillTrial, Problem, ProblemKind, TrialReport } from './trial-report.ts';
export { racingWriters, twoWriters, type SecondWriter } from './writer-trials.ts';

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
