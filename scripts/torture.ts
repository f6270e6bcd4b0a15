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
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  killAndResume,
  pkilab,
  printedSteps,
  racingWriters,
  removeScratch,
  repoRoot,
  scratch,
  stopAll,
  twoWriters,
  type KillMoment,
  type KillTrial,
  type Problem,
  type ProblemKind,
  type SecondWriter,
  type TrialReport,
} from '../test/support/processes.ts';

// ————————————————————————————————————————————— property mode (a child of the torture)

const propertyMode = async (which: string, runs: number, seed: number): Promise<void> => {
  const started = Date.now();
  const chunk = which === 'scenarios' ? 1000 : 100;
  const failures: string[] = [];
  let done = 0;
  let extra: Record<string, unknown> = {};
  try {
    if (which === 'scenarios') {
      const { tortureScenarios } = await import('../test/support/scenario-torture.ts');
      const totals = { parsed: 0, refused: 0 };
      for (let i = 0; done < runs; i += 1) {
        const n = Math.min(chunk, runs - done);
        try {
          const report = tortureScenarios(n, seed + i);
          totals.parsed += report.parsed;
          totals.refused += report.refused;
        } catch (error) {
          failures.push(`seed ${seed + i}: ${(error as Error).message}`);
        }
        done += n;
        process.stderr.write(`  scenarios: ${done}/${runs}\n`);
      }
      extra = totals;
    } else {
      const { tortureLogs } = await import('../test/support/log-torture.ts');
      for (let i = 0; done < runs; i += 1) {
        const n = Math.min(chunk, runs - done);
        try {
          await tortureLogs(n, seed + i);
        } catch (error) {
          failures.push(`seed ${seed + i}: ${(error as Error).message}`);
        }
        done += n;
        process.stderr.write(`  logs: ${done}/${runs}\n`);
      }
    }
  } catch (error) {
    // The runner itself could not be loaded: the hook is there, the runner is not.
    process.stdout.write(
      `${JSON.stringify({ which, runs: 0, failures: [], missing: (error as Error).message, ms: Date.now() - started })}\n`,
    );
    return;
  }
  process.stdout.write(`${JSON.stringify({ which, runs: done, failures, ms: Date.now() - started, ...extra })}\n`);
};

// ————————————————————————————————————————————— options

const { values } = parseArgs({
  options: {
    kills: { type: 'string' },
    writers: { type: 'string' },
    scenarios: { type: 'string' },
    logs: { type: 'string' },
    jobs: { type: 'string' },
    seed: { type: 'string' },
    quick: { type: 'boolean', default: false },
    property: { type: 'string' },
    runs: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`Usage: npm run torture -- [--kills N] [--writers N] [--scenarios N] [--logs N] [--jobs N (≤ 2)] [--seed S] [--quick]
Defaults: 200 kill-and-resume trials, 50 two-writer trials, 10000 generated scenarios, 1000 mutated logs, 2 jobs.
--quick: 20, 6, 500, 100. The environment can set the same: PKILAB_TORTURE_KILLS, PKILAB_TORTURE_WRITERS,
PKILAB_TORTURE_SCENARIOS, PKILAB_TORTURE_LOGS, PKILAB_TORTURE_JOBS, PKILAB_TORTURE_SEED, PKILAB_TORTURE_TIMEOUT_MS.`);
  process.exit(0);
}

const numberOf = (flag: string | undefined, env: string, full: number, quick: number): number => {
  const raw = flag ?? process.env[env];
  const n = raw === undefined ? (values.quick ? quick : full) : Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`torture: ${env.replace('PKILAB_TORTURE_', '--').toLowerCase()} expects a whole number, found ${raw}`);
    process.exit(2);
  }
  return n;
};

const seed = numberOf(values.seed, 'PKILAB_TORTURE_SEED', Date.now() % 1_000_000, Date.now() % 1_000_000);

if (values.property) {
  await propertyMode(values.property, Number(values.runs ?? 0), seed);
  process.exit(0);
}

const counts = {
  kills: numberOf(values.kills, 'PKILAB_TORTURE_KILLS', 200, 20),
  writers: numberOf(values.writers, 'PKILAB_TORTURE_WRITERS', 50, 6),
  scenarios: numberOf(values.scenarios, 'PKILAB_TORTURE_SCENARIOS', 10_000, 500),
  logs: numberOf(values.logs, 'PKILAB_TORTURE_LOGS', 1000, 100),
};
const jobs = Math.max(
  1,
  Math.min(2, numberOf(values.jobs, 'PKILAB_TORTURE_JOBS', Math.min(2, availableParallelism()), Math.min(2, availableParallelism()))),
);
const timeoutMs = numberOf(undefined, 'PKILAB_TORTURE_TIMEOUT_MS', 120_000, 120_000);

/** mulberry32: the trials are drawn from --seed, so a run can be repeated. */
const prng = (s: number) => () => {
  s = (s + 0x6d2b79f5) | 0;
  let t = Math.imul(s ^ (s >>> 15), 1 | s);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const random = prng(seed);
const below = (n: number) => Math.floor(random() * n);

const seconds = (ms: number) =>
  ms >= 60_000 ? `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s` : `${(ms / 1000).toFixed(1)}s`;
const log = (line: string) => process.stdout.write(`${line}\n`);

process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

// ————————————————————————————————————————————— tallies

interface Row {
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
const row = (name: string): Row => ({ name, trials: 0, lost: 0, corrupt: 0, crashes: 0, hangs: 0, refused: 0, ms: 0, note: '' });
const problems: string[] = [];
const tally = (r: Row, kind: ProblemKind, amount = 1) => {
  if (kind === 'lost') r.lost += amount;
  else if (kind === 'corrupt') r.corrupt += amount;
  else if (kind === 'crash') r.crashes += amount;
  else if (kind === 'hang') r.hangs += amount;
  else r.refused += amount;
};
/** A trial's problems into the row: lost counts steps, the others count trials with that kind of problem. */
const record = (r: Row, report: TrialReport, where: string) => {
  r.trials += 1;
  r.lost += report.lost;
  for (const kind of new Set(report.problems.map((p) => p.kind))) if (kind !== 'lost') tally(r, kind);
  for (const p of report.problems)
    problems.push(`[${r.name}: ${p.kind}] ${report.name} (${where})\n    ${p.detail.replace(/\n/g, '\n    ')}`);
};
const problemLine = (ps: readonly Problem[]) => (ps.length === 0 ? 'ok' : `PROBLEM ${[...new Set(ps.map((p) => p.kind))].join(', ')}`);

/** The commit the processes run, for the record. */
const head = (): string => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
};
/**
 * The code every pkilab process runs (bin, adapters, domain, workflows, projections, as they are on disk):
 * others may change it during a long run, and figures of labs written and read by two versions mean little.
 */
const codeFiles = async (): Promise<Map<string, string>> => {
  const files = new Map<string, string>();
  for (const top of ['bin', 'adapters', 'domain', 'workflows', 'projections']) {
    const names = await readdir(join(repoRoot, top), { recursive: true }).catch(() => [] as string[]);
    for (const name of names.filter((n) => /\.(ts|tsx|mjs|js)$/.test(n)).sort()) {
      const text = await readFile(join(repoRoot, top, name)).catch(() => undefined);
      if (text) files.set(`${top}/${name}`, createHash('sha1').update(text).digest('hex'));
    }
  }
  return files;
};
const codeAtStart = await codeFiles();

const started = Date.now();
log(
  `torture: commit ${head()}, seed ${seed}, ${jobs} job(s), deadline ${timeoutMs / 1000}s a process; ${counts.kills} kill-and-resume, ${counts.writers} two-writer, ${counts.scenarios} scenarios, ${counts.logs} logs`,
);

// ————————————————————————————————————————————— calibration: each scenario once, whole

interface Target {
  readonly scenario: string;
  readonly weight: number;
  ms: number;
  steps: number;
}
const targets: Target[] = [
  { scenario: '--all', weight: 2, ms: 0, steps: 0 },
  { scenario: 'scenarios/iis-web-server-certificate.yaml', weight: 2, ms: 0, steps: 0 },
  { scenario: 'scenarios/cloud-dp-service-certificate.yaml', weight: 2, ms: 0, steps: 0 },
  { scenario: 'scenarios/dp-client-certificate.yaml', weight: 2, ms: 0, steps: 0 },
  { scenario: 'scenarios/iis-no-restart.yaml', weight: 1, ms: 0, steps: 0 },
  { scenario: 'scenarios/amt-certificates.yaml', weight: 1, ms: 0, steps: 0 },
];
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

/** What `pkilab step --lab` said of a lab killed before its first append (distinct messages). */
const refusals = new Set<string>();
const moments = { beforeFirstAppend: 0, midRun: 0, afterEnd: 0, acknowledged: 0, torn: 0, force: 0, sigint: 0 };

/** Counts when a kill trial struck (before the first append, mid-run, after the end), how, and what the stepper said. */
const countMoment = (report: TrialReport, how: { force: boolean; sigint: boolean }) => {
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
  if (refusals.size > 0)
    kills.note = `${kills.note}; a lab killed before its first append, continued: ${[...refusals].map((r) => `"${r}"`).join(' | ')}`;
  kills.note = `${kills.note}; ${moments.acknowledged} acknowledged steps checked; killed before the first append ${moments.beforeFirstAppend}, mid-run ${moments.midRun}, after the run ended ${moments.afterEnd}; ${moments.torn} torn last lines; ${moments.force} over a lab with --force; ${moments.sigint} SIGINT`;
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

interface PropertyResult {
  which: string;
  runs: number;
  failures: string[];
  missing?: string;
  ms: number;
  parsed?: number;
  refused?: number;
}

/** The runner's result: the last line it printed, as JSON (undefined when it printed none). */
const lastJsonLine = (out: string): PropertyResult | undefined => {
  try {
    return JSON.parse(out.trim().split('\n').at(-1) ?? '') as PropertyResult;
  } catch {
    return undefined;
  }
};

/** What a runner's failure counts as: a hang when it timed a run out, corruption when logs disagree, else a crash. */
const failureKind = (which: string, failure: string): ProblemKind =>
  /took \d+ ms/.test(failure) ? 'hang' : which === 'logs' && /disagree|vouched|fold/i.test(failure) ? 'corrupt' : 'crash';

const property = (which: 'scenarios' | 'logs', runs: number, r: Row): Promise<void> =>
  new Promise((resolvePromise) => {
    if (runs === 0) return resolvePromise();
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--property', which, '--runs', String(runs), '--seed', String(seed)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const deadline = setTimeout(() => child.kill('SIGKILL'), Math.max(timeoutMs, runs * (which === 'scenarios' ? 100 : 500)));
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      r.ms = Date.now() - t0;
      const result = lastJsonLine(out);
      if (signal === 'SIGKILL') {
        r.hangs += 1;
        problems.push(`[${r.name}: hang] the ${which} runner passed its deadline and was killed\n    ${err.trim().slice(-600)}`);
      } else if (!result || code !== 0) {
        r.crashes += 1;
        problems.push(`[${r.name}: crash] the ${which} runner ended with exit ${code}\n    ${err.trim().slice(-1200)}`);
      } else if (result.missing) {
        r.note = `HOOK: no runner yet (${result.missing.split('\n')[0]})`;
      } else {
        r.trials = result.runs;
        for (const failure of result.failures) {
          // The runners stop a batch at its first counterexample (shrunk); each is one failure.
          const kind = failureKind(which, failure);
          tally(r, kind);
          problems.push(`[${r.name}: ${kind}] ${failure.slice(0, 2000)}`);
        }
        r.note =
          which === 'scenarios'
            ? `${result.parsed} parsed, ${result.refused} refused with file:line:column`
            : 'checked, folded, fast path = zod';
        if (result.failures.length > 0) r.note += `; ${result.failures.length} batch(es) stopped at a counterexample`;
      }
      log(
        `  [${which}] ${r.trials} run(s): ${r.crashes + r.hangs + r.corrupt === 0 && !result?.missing ? 'ok' : r.note.startsWith('HOOK') ? r.note : 'PROBLEM'}, ${seconds(r.ms)}`,
      );
      resolvePromise();
    });
  });

if (counts.scenarios > 0 || counts.logs > 0) {
  log(`  properties: ${counts.scenarios} generated scenarios and ${counts.logs} mutated logs (two child processes)`);
  await Promise.all([property('scenarios', counts.scenarios, scenariosRow), property('logs', counts.logs, logsRow)]);
}

// ————————————————————————————————————————————— report

const rows = [kills, writers, scenariosRow, logsRow];
const total = rows.reduce(
  (t, r) => ({
    ...t,
    lost: t.lost + r.lost,
    corrupt: t.corrupt + r.corrupt,
    crashes: t.crashes + r.crashes,
    hangs: t.hangs + r.hangs,
    refused: t.refused + r.refused,
  }),
  { lost: 0, corrupt: 0, crashes: 0, hangs: 0, refused: 0 },
);
const wall = Date.now() - started;

if (problems.length > 0) {
  log(`\nProblems (${problems.length}):`);
  for (const p of problems.slice(0, 40)) log(`  ${p}`);
  if (problems.length > 40) log(`  … and ${problems.length - 40} more`);
}
log('');
const cells = ['', 'trials', 'lost', 'corrupt', 'crashes', 'hangs', 'refused', 'wall'];
const widths = [20, 7, 5, 8, 8, 6, 8, 8];
const line = (values_: readonly (string | number)[]) =>
  values_.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]!) : String(v).padStart(widths[i]!))).join(' ');
log(line(cells));
for (const r of rows) log(line([r.name, r.trials, r.lost, r.corrupt, r.crashes, r.hangs, r.refused, seconds(r.ms)]));
log(line(['total', '', total.lost, total.corrupt, total.crashes, total.hangs, total.refused, seconds(wall)]));
for (const r of rows) if (r.note) log(`  ${r.name}: ${r.note}`);
log('  lost: acknowledged steps missing from a log; corrupt: trials whose log did not open or changed under a lock;');
log(
  '  crashes: stack traces, exit codes other than 0, 1, 2; hangs: processes past their deadline; refused: a killed lab its next writer could not take over',
);
log(`  seed ${seed} (repeat with --seed ${seed}); wall time ${seconds(wall)}`);
const codeAtEnd = await codeFiles();
const changed = [...new Set([...codeAtStart.keys(), ...codeAtEnd.keys()])].filter((f) => codeAtStart.get(f) !== codeAtEnd.get(f));
if (changed.length > 0)
  log(
    `  WARNING: the code pkilab runs changed during the torture (${changed.slice(0, 8).join(', ')}${changed.length > 8 ? `, … ${changed.length} files` : ''}): labs were written and read by two versions; run again for figures of one version`,
  );
else log(`  the code pkilab runs did not change during the torture (${codeAtStart.size} files, commit ${head()})`);
log('');
log(
  `torture: ${kills.trials} kill-and-resume, ${writers.trials} two-writer, ${scenariosRow.trials} scenarios, ${logsRow.trials} logs — ${total.lost} lost, ${total.corrupt} corrupt, ${total.crashes} crashes, ${total.hangs} hangs${total.refused > 0 ? `, ${total.refused} refused` : ''}`,
);
process.exit(total.lost + total.corrupt + total.crashes + total.hangs + total.refused > 0 ? 1 : 0);
