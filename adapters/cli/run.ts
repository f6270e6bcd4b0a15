import { createLab, runScenario, seedDeployment } from '../../workflows/index.ts';
import { writeArtifacts } from '../artifacts.ts';
import { defaultLabStart } from '../clock.ts';
import { inside, safeFolderName } from '../files/names.ts';
import { labFolder, openNewLab } from '../lab-files.ts';
import { createStoreLab, storeOption } from '../postgres/lab-store.ts';
import { loadScenario, ScenarioError } from '../scenario/load.ts';
import { parseOptions, usageFailure } from './args.ts';
import { runHelp } from './help.ts';
import { jsonReport, stepLine, summaryLines } from './report.ts';
import { drawCaIdentity } from '../ca-identity.ts';
import { issuanceProgress, type ProgressSink } from './progress.ts';
import type { Scenario } from '../../workflows/index.ts';
import type { Io } from '../io.ts';

/** The lab's computers: the seed's four and those the scenario adds (a few may rename seed computers). */
const computersOf = (scenario: Scenario) => 4 + (scenario.lab.ca.network?.computers?.length ?? 0);

export type { Io };

const runOptions = {
  out: { type: 'string' },
  store: { type: 'string' },
  lab: { type: 'string' },
  force: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;
type RunValues = ReturnType<typeof parseOptions<typeof runOptions>>['values'];

/** The scenarios asked for (the seed deployment with --all, then each file), or the exit code of a bad file. */
const scenariosOf = async (files: readonly string[], all: boolean, io: Io): Promise<Scenario[] | number> => {
  const scenarios = all ? [seedDeployment()] : [];
  for (const file of files) {
    try {
      scenarios.push(await loadScenario(file));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      io.err(`pkilab run: ${error.message}`);
      return 2;
    }
  }
  return scenarios;
};

/** One folder name a scenario, unique within the run (`name`, `name-2`…). */
const slugsOf = (scenarios: readonly Scenario[]): string[] => {
  const slugs = new Set<string>();
  for (const scenario of scenarios) {
    let slug = safeFolderName(scenario.name, 'scenario');
    for (let n = 2; slugs.has(slug); n += 1) slug = `${safeFolderName(scenario.name, 'scenario')}-${n}`;
    slugs.add(slug);
  }
  return [...slugs];
};

interface RunContext {
  readonly values: RunValues;
  readonly store: string | undefined;
  /** Whether the run has more than one scenario (each then gets a folder inside --out). */
  readonly several: boolean;
  readonly io: Io;
}

/** Runs one scenario into a new lab (a folder, or a lab in the store), printing its steps unless --json. */
const runOne = async (scenario: Scenario, slug: string, { values, store, several, io }: RunContext) => {
  const out = values.out;
  const root = out ? (several ? inside(out, slug) : out) : inside('.pkilab', slug);
  const replace = values.force ? 'force' : out ? 'never' : 'marked';
  const writer = store
    ? await createStoreLab(store, values.lab ?? slug, { force: values.force, folder: out && root })
    : {
        ...(await openNewLab(labFolder(root), `pkilab run ${scenario.file}`, replace, (warning) => io.err(`warning: ${warning}`))),
        sealedKeys: undefined,
      };
  try {
    const { folder } = writer;
    // A long run draws certificates per second on a terminal's stderr (never with --json).
    const progress = issuanceProgress(values.json ? ({} as ProgressSink) : process.stderr, computersOf(scenario));
    const ports = progress.ports(writer.ports);
    if (!values.json) io.out(`▶ ${scenario.title} (${scenario.file})`);
    const lab = await createLab(ports, folder.labId, {
      startsAt: scenario.lab.startsAt ?? defaultLabStart(),
      ca: scenario.lab.ca,
      identity: drawCaIdentity(),
    });
    let current = '';
    const run = await runScenario(ports, lab, scenario, (step) => {
      progress.done();
      if (values.json) return;
      if (step.procedure !== current) io.out(`  ${(current = step.procedure)}`);
      io.out(stepLine(step));
    });
    progress.done();
    const written = await writeArtifacts(run.lab.world, folder.artifacts, folder.keys);
    const artifacts = writer.sealedKeys?.(written) ?? written;
    if (!values.json) io.out(summaryLines(run, folder.log, artifacts).join('\n') + '\n');
    return { ok: run.ok, report: values.json ? jsonReport(scenario.name, folder.log, run, artifacts, ports.pfx) : undefined };
  } finally {
    await writer.release();
  }
};

/** --lab names the lab of one scenario in a store: what is wrong with it here, if anything. */
const labRefusal = (lab: string | undefined, store: string | undefined, scenarios: number): string | undefined =>
  lab !== undefined && (!store || scenarios !== 1)
    ? `pkilab run: --lab names the lab of one scenario in a store; expected --store (or PKILAB_STORE) and one scenario, found ${store ? `${scenarios} scenarios` : 'no store'}`
    : undefined;

/** `pkilab run`: 0 when every expectation holds, 1 when one does not, 2 on bad input. */
export const runCommand = async (args: string[], io: Io): Promise<number> => {
  let parsed;
  try {
    parsed = parseOptions(args, runOptions);
  } catch (error) {
    return usageFailure(io, 'run', error, args);
  }
  if (parsed.values.help) {
    io.out(runHelp);
    return 0;
  }
  if (parsed.positionals.length === 0 && !parsed.values.all) {
    io.err(`pkilab run: expected at least one scenario file (or --all), found none.\n\n${runHelp}`);
    return 2;
  }
  const scenarios = await scenariosOf(parsed.positionals, parsed.values.all, io);
  if (typeof scenarios === 'number') return scenarios;
  const store = storeOption(parsed.values.store);
  const refusal = labRefusal(parsed.values.lab, store, scenarios.length);
  if (refusal) {
    io.err(refusal);
    return 2;
  }
  const reports = [];
  let passed = 0;
  const slugs = slugsOf(scenarios);
  for (const [i, scenario] of scenarios.entries()) {
    const { ok, report } = await runOne(scenario, slugs[i]!, { values: parsed.values, store, several: scenarios.length > 1, io });
    if (ok) passed += 1;
    if (report) reports.push(report);
  }
  if (parsed.values.json) io.out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  else if (scenarios.length > 1) io.out(`${passed} passed, ${scenarios.length - passed} failed`);
  return passed === scenarios.length ? 0 : 1;
};
