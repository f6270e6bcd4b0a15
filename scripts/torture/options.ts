import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

// The torture's options (and the environment's PKILAB_TORTURE_*), read once; --help prints them and exits.

export const { values } = parseArgs({
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

export const seed = numberOf(values.seed, 'PKILAB_TORTURE_SEED', Date.now() % 1_000_000, Date.now() % 1_000_000);

/** How many trials of each kind, how many at a time, and each process's deadline. */
export const trialCounts = () => ({
  counts: {
    kills: numberOf(values.kills, 'PKILAB_TORTURE_KILLS', 200, 20),
    writers: numberOf(values.writers, 'PKILAB_TORTURE_WRITERS', 50, 6),
    scenarios: numberOf(values.scenarios, 'PKILAB_TORTURE_SCENARIOS', 10_000, 500),
    logs: numberOf(values.logs, 'PKILAB_TORTURE_LOGS', 1000, 100),
  },
  jobs: Math.max(
    1,
    Math.min(2, numberOf(values.jobs, 'PKILAB_TORTURE_JOBS', Math.min(2, availableParallelism()), Math.min(2, availableParallelism()))),
  ),
  timeoutMs: numberOf(undefined, 'PKILAB_TORTURE_TIMEOUT_MS', 120_000, 120_000),
});
