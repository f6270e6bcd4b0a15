import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describeEnd } from './process-end.ts';
import { reader } from './pkilab-in-process.ts';
import { repoRoot, sleep, startPkilab, type Finished } from './pkilab-process.ts';
import { resumeLab } from './kill-resume.ts';
import { actionsOfTravelLog, lastProcedureOf, lostSteps, printedSteps, readRawLog, type PrintedStep, type RawLog } from './raw-log.ts';
import { endedWell, type KillMoment, type KillRun, type KillTrial, type TrialReport } from './trial-report.ts';

const describeMoment = (m: KillMoment) =>
  'afterMs' in m ? `${m.afterMs} ms after start` : `${m.thenMs} ms after step line ${m.afterStep}`;

/** Procedure ids in catalog order (the stepper numbers them from 1). */
const procedureIds = async (): Promise<string[]> => (await import('../../workflows/index.ts')).procedures.map((p) => p.id);

/** 1. The run, killed at the trial's moment. */
const killRun = async (k: KillRun): Promise<Finished> => {
  const { trial, timeoutMs } = k;
  const runArgs = trial.scenario === '--all' ? ['run', '--all', '--out', trial.dir] : ['run', trial.scenario, '--out', trial.dir];
  if (trial.force) runArgs.push('--force');
  const run = startPkilab(runArgs, { timeoutMs });
  if ('afterMs' in trial.moment) await Promise.race([sleep(trial.moment.afterMs), run.finished]);
  else {
    await run.until((out) => printedSteps(out).length >= (trial.moment as { afterStep: number }).afterStep, timeoutMs);
    await Promise.race([sleep(trial.moment.thenMs), run.finished]);
  }
  run.kill(trial.signal);
  const killed = await run.finished;
  if (!killed.killedBy || killed.code !== null) k.notes.push(`the run ended (exit ${killed.code}) before the ${trial.signal}`);
  return killed;
};

/** 2. The log opens: findings exits 0, or 2 saying it holds no events when nothing was appended or acknowledged. */
const logOpens = async (k: KillRun, before: RawLog, printed: readonly PrintedStep[]): Promise<boolean> => {
  if (before.problems.length > 0) k.problems.push({ kind: 'corrupt', detail: `after the kill: ${before.problems.join('; ')}` });
  if (before.tornBytes > 0) k.notes.push(`a torn last line of ${before.tornBytes} bytes`);
  const findings = await k.read(['findings', k.log], { timeoutMs: k.timeoutMs });
  if (!endedWell(k, findings, 'findings after the kill', [0, 2])) return false;
  if (findings.code === 0) return true;
  if (before.events.length === 0 && printed.length === 0 && /holds no events/.test(findings.err))
    k.notes.push('killed before the first append: no events');
  else k.problems.push({ kind: 'corrupt', detail: `the log does not open after the kill: ${describeEnd(findings)}` });
  return false;
};

/** 3. Every acknowledged step is in the log; answers how many are not. */
const countLost = async (k: KillRun, opened: boolean, printed: readonly PrintedStep[]): Promise<number> => {
  if (!opened) {
    if (printed.length > 0)
      k.problems.push({ kind: 'lost', detail: `the log does not open, and ${printed.length} step(s) were acknowledged` });
    return printed.length;
  }
  const travel = await k.read(['travel', k.log, 'log', '--json'], { timeoutMs: k.timeoutMs });
  if (!endedWell(k, travel, 'travel log after the kill', [0])) return 0;
  const missing = await lostSteps(printed, actionsOfTravelLog(travel.out));
  if (missing.length > 0)
    k.problems.push({
      kind: 'lost',
      detail: `${missing.length} acknowledged step(s) missing from ${k.log}: ${missing.map((s) => `${s.procedure} › ${s.title}`).join('; ')}`,
    });
  return missing.length;
};

/**
 * Kills `pkilab run` at a moment, then checks what the lab says after: the log opens (`pkilab findings`
 * exits 0, or 2 saying it holds no events when the kill came before the first append), every step printed
 * before the kill is in it (`pkilab travel LOG log --json`), and the lab continues (`pkilab step --plain
 * --lab LOG` quits cleanly without touching the log; with the procedure named and `1`, `q` it takes a
 * step, which is appended after what was there).
 */
export const killAndResume = async (trial: KillTrial): Promise<TrialReport> => {
  const started = Date.now();
  const k: KillRun = {
    trial,
    log: join(trial.dir, 'lab.jsonl'),
    timeoutMs: trial.timeoutMs ?? 60_000,
    read: reader(trial.readers),
    problems: [],
    notes: [],
  };
  const name = `${trial.signal} ${trial.scenario} ${describeMoment(trial.moment)}${trial.force ? ' (--force over a lab)' : ''}`;
  const report = (acknowledged: number, lost: number): TrialReport => ({
    name,
    problems: k.problems,
    acknowledged,
    lost,
    notes: k.notes,
    ms: Date.now() - started,
  });
  const killed = await killRun(k);
  if (!endedWell(k, killed, 'the killed run', [0, 1])) return report(0, 0);
  const printed = printedSteps(killed.out);
  k.notes.push(`${printed.length} step(s) acknowledged before the kill`);
  const before = await readRawLog(k.log);
  const lost = await countLost(k, await logOpens(k, before, printed), printed);
  // 4. The lab continues: in the procedure the run was in, or the scenario's first.
  const procedure = lastProcedureOf(before) ?? (trial.scenario === '--all' ? (await procedureIds())[0]! : undefined);
  await resumeLab(k, before, procedure ?? (await scenarioFirstProcedure(trial.scenario)));
  return report(printed.length, lost);
};

const scenarioFirstProcedure = async (scenario: string): Promise<string | undefined> => {
  if (scenario === '--all') return (await procedureIds())[0];
  const text = await readFile(resolve(repoRoot, scenario), 'utf8').catch(() => '');
  const first = (parseYaml(text) as { procedures?: Array<string | { procedure?: string }> } | null)?.procedures?.[0];
  return typeof first === 'string' ? first : first?.procedure;
};
