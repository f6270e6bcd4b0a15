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

/** `pkilab run`: 0 when every expectation holds, 1 when one does not, 2 on bad input. */
export const runCommand = async (args: string[], io: Io): Promise<number> => {
  let parsed;
  try {
    parsed = parseOptions(args, { out: { type: 'string' }, store: { type: 'string' }, lab: { type: 'string' }, force: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, all: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } });
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
  const scenarios = parsed.values.all ? [seedDeployment()] : [];
  for (const file of parsed.positionals) {
    try {
      scenarios.push(await loadScenario(file));
    } catch (error) {
      if (error instanceof ScenarioError) {
        io.err(`pkilab run: ${error.message}`);
        return 2;
      }
      throw error;
    }
  }
  const store = storeOption(parsed.values.store);
  if (parsed.values.lab !== undefined && (!store || scenarios.length !== 1)) {
    io.err(`pkilab run: --lab names the lab of one scenario in a store; expected --store (or PKILAB_STORE) and one scenario, found ${store ? `${scenarios.length} scenarios` : 'no store'}`);
    return 2;
  }
  const reports = [];
  let passed = 0;
  const out = parsed.values.out;
  const slugs = new Set<string>();
  for (const scenario of scenarios) {
    let slug = safeFolderName(scenario.name, 'scenario');
    for (let n = 2; slugs.has(slug); n += 1) slug = `${safeFolderName(scenario.name, 'scenario')}-${n}`;
    slugs.add(slug);
    const root = out ? (scenarios.length > 1 ? inside(out, slug) : out) : inside('.pkilab', slug);
    const replace = parsed.values.force ? 'force' : out ? 'never' : 'marked';
    const writer = store
      ? await createStoreLab(store, parsed.values.lab ?? slug, { force: parsed.values.force, folder: out && root })
      : { ...(await openNewLab(labFolder(root), `pkilab run ${scenario.file}`, replace, (warning) => io.err(`warning: ${warning}`))), sealedKeys: undefined };
    try {
      const { folder } = writer;
      // A long run draws certificates per second on a terminal's stderr (never with --json).
      const progress = issuanceProgress(parsed.values.json ? {} as ProgressSink : process.stderr, computersOf(scenario));
      const ports = progress.ports(writer.ports);
      if (!parsed.values.json) io.out(`▶ ${scenario.title} (${scenario.file})`);
      const lab = await createLab(ports, folder.labId, { startsAt: scenario.lab.startsAt ?? defaultLabStart(), ca: scenario.lab.ca, identity: drawCaIdentity() });
      let current = '';
      const run = await runScenario(ports, lab, scenario, (step) => {
        progress.done();
        if (parsed.values.json) return;
        if (step.procedure !== current) io.out(`  ${(current = step.procedure)}`);
        io.out(stepLine(step));
      });
      progress.done();
      const written = await writeArtifacts(run.lab.world, folder.artifacts, folder.keys);
      const artifacts = writer.sealedKeys?.(written) ?? written;
      if (run.ok) passed += 1;
      if (parsed.values.json) reports.push(jsonReport(scenario.name, folder.log, run, artifacts, ports.pfx));
      else io.out(summaryLines(run, folder.log, artifacts).join('\n') + '\n');
    } finally {
      await writer.release();
    }
  }
  if (parsed.values.json) io.out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  else if (scenarios.length > 1) io.out(`${passed} passed, ${scenarios.length - passed} failed`);
  return passed === scenarios.length ? 0 : 1;
};
