// npm run torture — the trust trials by the hundred, on real processes:
//   · kill-and-resume: `pkilab run` killed (SIGKILL, some SIGINT) at random moments on a few scenarios,
//     then: the log opens, no step the run printed as done is missing, the lab continues (`pkilab step`);
//   · two writers: a second writer on a held lab is refused naming the holder; two started at once;
//   · generated scenario files and mutated logs: the property runners of test/support (in child processes).
// Counts lost acknowledged steps, corrupt logs, crashes (stack traces, exit codes other than 0, 1, 2) and
// hangs (a process past its deadline, killed); exits 1 when any is not 0.
//
//   npm run torture                                  200 kills, 50 two-writer, 10000 scenarios, 1000 logs
//   npm run torture -- --quick                       20, 6, 500, 100
//   npm run torture -- --kills 50 --writers 0 --scenarios 0 --logs 0 --seed 7 --jobs 2
// Environment: PKILAB_TORTURE_KILLS, _WRITERS, _SCENARIOS, _LOGS, _JOBS, _SEED, _TIMEOUT_MS (each process's deadline).
import { fileURLToPath } from 'node:url';
import {
  killAndResume,
  pkilab,
  printedSteps,
  racingWriters,
  removeScratch,
  scratch,
  stopAll,
  twoWriters,
  type KillMoment,
  type KillTrial,
  type SecondWriter,
} from '../test/support/processes.ts';
import { codeChangeLine, codeFiles, head } from './torture/code.ts';
import { property } from './torture/properties.ts';
import { propertyMode } from './torture/property-mode.ts';
import { printReport } from './torture/report.ts';
import { countMoment, momentsNote } from './torture/kill-moments.ts';
import { seed, trialCounts, values } from './torture/options.ts';
import { log, problemLine, problems, prng, record, row, seconds, tally } from './torture/tallies.ts';
import { targets, type Target } from './torture/targets.ts';

if (values.property) {
  await propertyMode(values.property, Number(values.runs ?? 0), seed);
  process.exit(0);
}

const { counts, jobs, timeoutMs } = trialCounts();
const random = prng(seed);
const below = (n: number) => Math.floor(random() * n);

process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

const codeAtStart = await codeFiles();

const started = Date.now();
log(
  `torture: commit ${head()}, seed ${seed}, ${jobs} job(s), deadline ${timeoutMs / 1000}s a process; ${counts.kills} kill-and-resume, ${counts.writers} two-writer, ${counts.scenarios} scenarios, ${counts.logs} logs`,
);

// ————————————————————————————————————————————— calibration: each scenario once, whole

const kills = row('kill-and-resume');
const writers = row('two-writer');
const scenariosRow = row('generated scenarios');
const logsRow = row('mutated logs');

/** Runs jobs with at most `jobs` at a time; each worker keeps its own state (its last lab folder). */
const workers = async <T>(items: readonly T[], job: (item: T, index: number, worker: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, items.length) }, async (_, w) => {
      while (next < items.length) {
        const i = next++;
        await job(items[i]!, i, w);
      }
    }),
  );
};

/** How long a pkilab process takes to start (the same for every command): kills before it are few and alike. */
let startup = 0;
if (counts.kills > 0) {
  const phase = Date.now();
  startup = (await pkilab(['procedures', '--json'], { timeoutMs })).ms;
  log(`  calibration: a pkilab process starts in ${seconds(startup)}`);
  await workers(targets, async (target) => {
    const dir = await scratch('pkilab-torture-');
    const args = target.scenario === '--all' ? ['run', '--all', '--out', dir] : ['run', target.scenario, '--out', dir];
    const whole = await pkilab(args, { timeoutMs });
    target.ms = whole.ms;
    target.steps = printedSteps(whole.out).length;
    if (whole.timedOut || (whole.code !== 0 && whole.code !== 1)) {
      problems.push(`[calibration] ${target.scenario}: exit ${whole.code}${whole.timedOut ? ' (timed out)' : ''}\n    ${whole.err.trim()}`);
      tally(kills, whole.timedOut ? 'hang' : 'crash');
    }
    log(`  calibration: ${target.scenario}: ${target.steps} steps in ${seconds(whole.ms)}`);
    await removeScratch(dir);
  });
  kills.note = `calibration ${seconds(Date.now() - phase)}`;
}

// ————————————————————————————————————————————— kill and resume

if (counts.kills > 0) {
  const phase = Date.now();
  const weighted = targets.flatMap((t) => Array<Target>(t.weight).fill(t));
  const plans = Array.from({ length: counts.kills }, () => {
    const target = weighted[below(weighted.length)]!;
    const signal: NodeJS.Signals = random() < 0.15 ? 'SIGINT' : 'SIGKILL';
    // 40 %: any moment of the run from the end of its start-up to a little after its end (lock, keys, first
    // append, steps, artifacts, release); 60 %: a moment in the appends, after a random step line.
    const from = Math.round(Math.min(startup, target.ms) * 0.8);
    const moment: KillMoment =
      random() < 0.4
        ? { afterMs: from + below(Math.max(1, Math.round(target.ms * 1.1) - from)) }
        : { afterStep: 1 + below(Math.max(1, target.steps)), thenMs: below(300) };
    return { target, signal, moment, force: random() < 0.25, quitOnly: random() < 0.15, processReaders: random() < 0.1 };
  });
  const previous: Array<string | undefined> = [];
  await workers(plans, async (plan, i, w) => {
    const reuse = plan.force ? previous[w] : undefined;
    const dir = reuse ?? (await scratch('pkilab-torture-'));
    const trial: KillTrial = {
      scenario: plan.target.scenario,
      signal: plan.signal,
      moment: plan.moment,
      dir,
      timeoutMs,
      quitOnly: plan.quitOnly,
      readers: plan.processReaders ? 'processes' : 'in-process',
      ...(reuse ? { force: true } : {}),
    };
    const report = await killAndResume(trial);
    record(kills, report, dir);
    countMoment(report, { force: Boolean(reuse), sigint: plan.signal === 'SIGINT' });
    log(
      `  [kill ${i + 1}/${plans.length}] ${report.name}: ${problemLine(report.problems)} — ${report.acknowledged} acknowledged, ${seconds(report.ms)}`,
    );
    // A folder with a problem is kept for inspection; the others go once the next trial is done with them.
    if (previous[w] && previous[w] !== dir) await removeScratch(previous[w]!);
    // The next trial of this worker may run over this lab with --force, unless something is wrong with it.
    previous[w] = report.problems.length === 0 ? dir : undefined;
  });
  for (const dir of previous) if (dir && !problems.some((p) => p.includes(dir))) await removeScratch(dir);
  kills.ms = Date.now() - phase;
  kills.note = `${kills.note}${momentsNote()}`;
}

// ————————————————————————————————————————————— two writers

if (counts.writers > 0) {
  const phase = Date.now();
  const seconds_: SecondWriter[] = ['step-out', 'run-force', 'step-lab', 'step-new', 'run-no-force'];
  let raced = 0;
  await workers(
    Array.from({ length: counts.writers }, (_, i) => i),
    async (i) => {
      const dir = await scratch('pkilab-torture-');
      const race = i % 5 === 4;
      if (race) raced += 1;
      const report = race
        ? await racingWriters(dir, timeoutMs, 'in-process')
        : await twoWriters({ dir, second: seconds_[below(seconds_.length)]!, timeoutMs, readers: 'in-process' });
      record(writers, report, dir);
      log(`  [two-writer ${i + 1}/${counts.writers}] ${report.name}: ${problemLine(report.problems)}, ${seconds(report.ms)}`);
      if (report.problems.length === 0) await removeScratch(dir);
    },
  );
  writers.ms = Date.now() - phase;
  writers.note = `${counts.writers - raced} with a holder and a second writer, ${raced} started at once`;
}

// ————————————————————————————————————————————— generated scenarios and mutated logs (child processes)

if (counts.scenarios > 0 || counts.logs > 0) {
  log(`  properties: ${counts.scenarios} generated scenarios and ${counts.logs} mutated logs (two child processes)`);
  const runner = { script: fileURLToPath(import.meta.url), seed, timeoutMs };
  await Promise.all([property('scenarios', counts.scenarios, scenariosRow, runner), property('logs', counts.logs, logsRow, runner)]);
}

// ————————————————————————————————————————————— report

const total = printReport([kills, writers, scenariosRow, logsRow], seed, Date.now() - started);
log(await codeChangeLine(codeAtStart));
log('');
log(
  `torture: ${kills.trials} kill-and-resume, ${writers.trials} two-writer, ${scenariosRow.trials} scenarios, ${logsRow.trials} logs — ${total.lost} lost, ${total.corrupt} corrupt, ${total.crashes} crashes, ${total.hangs} hangs${total.refused > 0 ? `, ${total.refused} refused` : ''}`,
);
process.exit(total.lost + total.corrupt + total.crashes + total.hangs + total.refused > 0 ? 1 : 0);
