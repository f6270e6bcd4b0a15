import { join } from 'node:path';
import { crashOf, describeEnd } from './process-end.ts';
import { reader, type Readers } from './pkilab-in-process.ts';
import { pkilab, startPkilab, type Finished, type Running } from './pkilab-process.ts';
import { actionsOfRawLog, readRawLog, type RawLog } from './raw-log.ts';
import { endedWell, type Found, type Problem, type TrialReport } from './trial-report.ts';

export type SecondWriter = 'step-out' | 'step-lab' | 'run-force' | 'run-no-force' | 'step-new';

export interface TwoWriterTrial {
  readonly dir: string;
  /** The second writers, started together while the first holds the lab. */
  readonly second: SecondWriter | readonly SecondWriter[];
  readonly timeoutMs?: number;
  readonly readers?: Readers;
}

/** The second writers' commands on the lab the first holds. */
const secondArgs = (dir: string, log: string): Record<SecondWriter, string[]> => ({
  'step-out': ['step', '--plain', '--out', dir, 'iis-web-server-certificate'],
  'step-lab': ['step', '--plain', '--lab', log],
  'step-new': ['step', '--plain', '--new', '--out', dir, 'iis-web-server-certificate'],
  'run-force': ['run', 'scenarios/iis-web-server-certificate.yaml', '--out', dir, '--force'],
  'run-no-force': ['run', 'scenarios/iis-web-server-certificate.yaml', '--out', dir],
});

/** Each second writer is refused with exit 2, on one line that names the holder's pid and command. */
const refusedEach = (found: Found, refused: readonly Finished[], holder: number): void => {
  for (const second of refused) {
    if (!endedWell(found, second, 'a second writer')) continue;
    if (second.code !== 2) found.problems.push({ kind: 'corrupt', detail: `a second writer was not refused: ${describeEnd(second)}` });
    else if (!second.err.includes(`process ${holder} `) || !/\(pkilab step\)/.test(second.err))
      found.problems.push({
        kind: 'crash',
        detail: `the refusal does not name the holder (pid ${holder}, pkilab step): ${describeEnd(second)}`,
      });
    const lines = second.err.trim().split('\n').length;
    if (lines !== 1) found.problems.push({ kind: 'crash', detail: `the refusal is ${lines} lines, not one: ${describeEnd(second)}` });
  }
};

/** The first writer goes on: one step, then quit; answers whether it took the step. */
const firstGoesOn = async (found: Found, first: Running, timeoutMs: number): Promise<boolean> => {
  const shown = first.out().length;
  first.send('1\n');
  const stepped = await first.until((out) => /: done|: rejected/.test(out.slice(shown)), timeoutMs);
  if (!stepped)
    found.problems.push({ kind: 'crash', detail: `the first writer did not take its step after the refusal: ${first.err().slice(-400)}` });
  first.send('q\n');
  first.closeInput();
  const f = await first.finished;
  if (endedWell(found, f, 'the first writer') && f.code !== 0)
    found.problems.push({ kind: 'crash', detail: `the first writer ended badly: ${describeEnd(f)}` });
  return stepped;
};

/** The log after both: whole, with the first writer's step in it when it took one, and it opens. */
const logAfterTwo = async (found: Found, trial: TwoWriterTrial, held: RawLog, stepped: boolean): Promise<void> => {
  const log = join(trial.dir, 'lab.jsonl');
  const after = await readRawLog(log);
  if (after.problems.length > 0 || after.tornBytes > 0)
    found.problems.push({ kind: 'corrupt', detail: `${after.problems.join('; ')} (torn bytes: ${after.tornBytes})` });
  if (stepped && actionsOfRawLog(after).length !== actionsOfRawLog(held).length + 1)
    found.problems.push({
      kind: 'lost',
      detail: `the first writer's step is not in the log (${actionsOfRawLog(held).length} → ${actionsOfRawLog(after).length} actions)`,
    });
  const findings = await reader(trial.readers)(['findings', log], { timeoutMs: trial.timeoutMs ?? 60_000 });
  if (endedWell(found, findings, 'findings after two writers') && findings.code !== 0)
    found.problems.push({ kind: 'corrupt', detail: describeEnd(findings) });
};

/** While the first holds the lab: the second writers are refused and the log does not change. */
const whileHeld = async (found: Found, trial: TwoWriterTrial, first: Running): Promise<RawLog> => {
  const log = join(trial.dir, 'lab.jsonl');
  const seconds = typeof trial.second === 'string' ? [trial.second] : trial.second;
  const held = await readRawLog(log);
  const args = secondArgs(trial.dir, log);
  const timeoutMs = trial.timeoutMs ?? 60_000;
  refusedEach(found, await Promise.all(seconds.map((s) => pkilab(args[s], { input: '1\nq\n', timeoutMs }))), first.pid);
  const during = await readRawLog(log);
  if (during.lines.join('\n') !== held.lines.join('\n'))
    found.problems.push({
      kind: 'corrupt',
      detail: `the log changed while the first writer held it (${held.lines.length} → ${during.lines.length} lines)`,
    });
  return held;
};

/**
 * One writer holds a lab (`pkilab step --plain --out DIR iis-web-server-certificate`, stdin open); second
 * writers are started on the same lab and must each be refused with exit 2 naming the holder (its pid and
 * command) without touching the log; the first then takes a step and quits, and the log stays valid.
 */
export const twoWriters = async (trial: TwoWriterTrial): Promise<TrialReport> => {
  const started = Date.now();
  const timeoutMs = trial.timeoutMs ?? 60_000;
  const seconds = typeof trial.second === 'string' ? [trial.second] : trial.second;
  const found: Found = { problems: [], notes: [] };
  const report = (): TrialReport => ({
    name: `two writers: step holds, ${seconds.join(' + ')} refused`,
    problems: found.problems,
    acknowledged: 0,
    lost: found.problems.filter((p) => p.kind === 'lost').length,
    notes: found.notes,
    ms: Date.now() - started,
  });
  const first = startPkilab(['step', '--plain', '--out', trial.dir, 'iis-web-server-certificate'], { timeoutMs });
  try {
    if (!(await first.until(/Choices:/, timeoutMs))) {
      first.kill('SIGKILL');
      const f = await first.finished;
      endedWell(found, f, 'the first writer');
      found.problems.push({ kind: 'crash', detail: `the first writer never showed its first step: ${describeEnd(f)}` });
      return report();
    }
    const held = await whileHeld(found, trial, first);
    await logAfterTwo(found, trial, held, await firstGoesOn(found, first, timeoutMs));
  } finally {
    first.kill('SIGKILL');
    await first.finished;
  }
  return report();
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
