import { pkilab, type Finished } from './pkilab-process.ts';
import { describeEnd } from './process-end.ts';
import { actionsOfRawLog, readRawLog, type RawLog } from './raw-log.ts';
import { endedWell, type KillRun } from './trial-report.ts';

// The last part of a kill trial: the killed run's lab continues (pkilab step --plain --lab LOG).

const lockHeld = /being written by|taken by another process/;

/** A log's first events and actions, when it is not what was expected of it. */
const shape = (log: RawLog) =>
  log.problems.join('; ') || `${log.events.length} events, first ${log.events[0]?.type}, ${actionsOfRawLog(log).length} actions`;

/** `step --lab` with `q` alone: it takes over the killed run's lock and leaves the log as it was (or creates a lab cut short). */
const quitOnly = async (k: KillRun, before: RawLog): Promise<void> => {
  const quit = await pkilab(['step', '--plain', '--lab', k.log], { input: 'q\n', timeoutMs: k.timeoutMs });
  if (!endedWell(k, quit, 'step --lab with q', [0, 2])) return;
  if (quit.code === 2 && lockHeld.test(quit.err))
    k.problems.push({ kind: 'refused', detail: `the killed run's lock was not taken over: ${describeEnd(quit)}` });
  else if (quit.code === 2 && !(before.events.length === 0 && /holds no lab log/.test(quit.err)))
    k.problems.push({ kind: 'crash', detail: `step --lab refused a lab that holds events: ${describeEnd(quit)}` });
  const after = await readRawLog(k.log);
  if (before.events.length === 0 && after.events.length > 0) {
    // A log with no complete event is a creation cut short: the stepper creates the lab in it as it opens.
    if (after.problems.length > 0 || after.events[0]?.type !== 'LabCreated' || actionsOfRawLog(after).length > 0)
      k.problems.push({ kind: 'corrupt', detail: `step --lab with q alone on a lab killed before its first append: ${shape(after)}` });
    else k.notes.push(`step --lab created the lab whose creation was cut short (${after.events.length} events)`);
  } else if (after.lines.join('\n') !== before.lines.join('\n'))
    k.problems.push({
      kind: 'corrupt',
      detail: `step --lab with q alone changed the log (${before.lines.length} → ${after.lines.length} lines)`,
    });
};

/** No log to continue (killed before the first append): a new lab in the same folder must start at once. */
const freshLab = async (k: KillRun, resume: Finished, target: string | undefined): Promise<void> => {
  k.notes.push(`no log to continue (killed before the first append); step --lab refuses it: ${resume.err.trim().split('\n')[0]}`);
  const args = ['step', '--plain', '--out', k.trial.dir, ...(target ? [target] : [])];
  const fresh = await pkilab(args, { input: '1\nq\n', timeoutMs: k.timeoutMs });
  if (!endedWell(k, fresh, 'step --out in the folder of a run killed before its first append', [0, 2])) return;
  if (fresh.code === 2) {
    k.problems.push({
      kind: lockHeld.test(fresh.err) ? 'refused' : 'crash',
      detail: `no new lab in the folder of a run killed before its first append: ${describeEnd(fresh)}`,
    });
    return;
  }
  const after = await readRawLog(k.log);
  if (after.problems.length > 0 || after.events[0]?.type !== 'LabCreated' || actionsOfRawLog(after).length !== 1)
    k.problems.push({ kind: 'corrupt', detail: `the new lab's log: ${shape(after)}` });
};

/** After the resumed step: the log is whole, what was there is kept, one action more, and it opens. */
const resumedLog = async (k: KillRun, before: RawLog, resume: Finished): Promise<void> => {
  const after = await readRawLog(k.log);
  if (after.problems.length > 0) k.problems.push({ kind: 'corrupt', detail: `after the resumed step: ${after.problems.join('; ')}` });
  if (!before.lines.every((line, i) => after.lines[i] === line))
    k.problems.push({
      kind: 'corrupt',
      detail: `the resumed step changed what was in the log before it (${before.lines.length} lines before, ${after.lines.length} after)`,
    });
  const taken = actionsOfRawLog(after).length - actionsOfRawLog(before).length;
  if (taken !== 1)
    k.problems.push({ kind: 'crash', detail: `the resumed step recorded ${taken} action(s), expected 1: ${describeEnd(resume)}` });
  if (after.events.length > 0 && after.events[0]!.type !== 'LabCreated')
    k.problems.push({ kind: 'corrupt', detail: `the log's first event is ${after.events[0]!.type}, not LabCreated` });
  const final = await k.read(['findings', k.log], { timeoutMs: k.timeoutMs });
  if (endedWell(k, final, 'findings after the resumed step', [0]) && final.code !== 0)
    k.problems.push({ kind: 'corrupt', detail: describeEnd(final) });
};

/** The lab continues: `q` alone first (unless the trial skips it), then the procedure named, its current step taken with `1`. */
export const resumeLab = async (k: KillRun, before: RawLog, target: string | undefined): Promise<void> => {
  if (k.trial.quitOnly !== false) await quitOnly(k, before);
  const resume = await pkilab(['step', '--plain', '--lab', k.log, ...(target ? [target] : [])], {
    input: '1\nq\n',
    timeoutMs: k.timeoutMs,
  });
  if (!endedWell(k, resume, 'step --lab, 1, q', [0, 2])) return;
  if (resume.code !== 2) return resumedLog(k, before, resume);
  if (lockHeld.test(resume.err))
    k.problems.push({ kind: 'refused', detail: `the killed run's lock was not taken over: ${describeEnd(resume)}` });
  else if (before.events.length > 0) k.problems.push({ kind: 'crash', detail: `the lab does not continue: ${describeEnd(resume)}` });
  else await freshLab(k, resume, target);
};
