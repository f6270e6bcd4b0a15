// The torture's property mode: it runs itself as a child (`--property scenarios|logs --runs N --seed S`) that drives
// the property runners of test/support in batches and prints one JSON line with what it found.

/** Runs `runs` generated scenarios or mutated logs in batches from `seed`; the last line printed is the result. */
export const propertyMode = async (which: string, runs: number, seed: number): Promise<void> => {
  const started = Date.now();
  const chunk = which === 'scenarios' ? 1000 : 100;
  const failures: string[] = [];
  let done = 0;
  let extra: Record<string, unknown> = {};
  try {
    if (which === 'scenarios') {
      const { tortureScenarios } = await import('../../test/support/scenario-torture.ts');
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
      const { tortureLogs } = await import('../../test/support/log-torture.ts');
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
