import { writeFile } from 'node:fs/promises';
import { createLab, openLab, procedures, runScenario, type Lab, type LabPorts, type ProcedureDefinition } from '../../workflows/index.ts';
import { defaultLabStart } from '../clock.ts';
import { filePorts, labFolder, type LabFolder } from '../lab-files.ts';
import { loadScenario } from '../scenario/load.ts';
import { forkFolderName, forkLab, positionBeforeInputs, scenarioOf, truncateLab } from './branch.ts';
import { checklist, currentStep, ensureStarted, explain, findProcedure, optionsFor, takeOption, touchedWorld, type Checklist, type StepOption, type StepResult } from './session.ts';

/** Everything a stepping interface shows, derived from the lab at this moment. */
export interface StepperView {
  readonly folder: LabFolder;
  readonly lab: Lab;
  readonly procedure?: ProcedureDefinition;
  readonly checklist?: Checklist;
  readonly stepTitle?: string;
  readonly purpose?: string;
  readonly seed?: string;
  readonly options: readonly StepOption[];
  /** The part of the world this procedure touches, as it stands now. */
  readonly world: readonly string[];
  readonly last?: StepResult;
  readonly message?: string;
}

export interface Stepper {
  view(): StepperView;
  choose(procedure: string): Promise<void>;
  take(index: number): Promise<void>;
  back(steps: number, mode: 'truncate' | 'fork'): Promise<void>;
  explain(): string[];
  save(file?: string): Promise<string>;
}

export interface StepperOptions {
  readonly out: string;
  readonly lab?: string;
  readonly scenario?: string;
  readonly procedure?: string;
  readonly fresh?: boolean;
  readonly warn: (message: string) => void;
}

/** Opens (or creates) the lab the session works on: an existing log, a scenario's end state, or the test network. */
const openOrCreate = async (options: StepperOptions): Promise<{ folder: LabFolder; ports: LabPorts; lab: Lab; message: string }> => {
  const folder = labFolder(options.lab ? options.lab.replace(/\/lab\.jsonl$/, '') : options.out);
  const ports = filePorts(folder, options.warn);
  const existing = await ports.events.version(folder.labId);
  if (existing > 0 && !options.fresh && !options.scenario) return { folder, ports, lab: await openLab(ports, folder.labId), message: `continuing ${folder.log} (${existing} events)` };
  if (options.lab) throw new Error(`${options.lab} holds no lab log to continue`);
  const { resetLabFolder } = await import('../lab-files.ts');
  await resetLabFolder(folder);
  if (options.scenario) {
    const scenario = await loadScenario(options.scenario);
    const start = await createLab(ports, folder.labId, { startsAt: scenario.lab.startsAt ?? defaultLabStart(), ca: scenario.lab.ca });
    const run = await runScenario(ports, start, scenario);
    return { folder, ports, lab: run.lab, message: `started from ${options.scenario} (${run.lab.events.length} events)` };
  }
  const lab = await createLab(ports, folder.labId, { startsAt: defaultLabStart(), ca: { edition: 'enterprise', os: 'windows-server-2008' } });
  return { folder, ports, lab, message: `new lab: the contoso.com test network in ${folder.root}` };
};

/** The stepping session shared by the full-screen and the plain interface. */
export const createStepper = async (options: StepperOptions): Promise<Stepper> => {
  let { folder, ports, lab, message } = await openOrCreate(options);
  let procedure = options.procedure ? findProcedure(options.procedure) : undefined;
  if (options.procedure && !procedure) throw new Error(`unknown procedure "${options.procedure}"; expected one of ${procedures.map((p) => p.id).join(', ')}`);
  if (procedure) lab = await ensureStarted(ports, lab, procedure);
  let last: StepResult | undefined;
  let forks = 0;
  const stepper: Stepper = {
    view() {
      if (!procedure) return { folder, lab, options: [], world: [], message };
      const step = currentStep(lab, procedure);
      return {
        folder, lab, procedure, checklist: checklist(lab, procedure), last, message, world: touchedWorld(lab, procedure),
        ...(step ? { stepTitle: step.title, purpose: step.purpose, seed: step.seed } : {}),
        options: step ? optionsFor(lab, procedure, step) : [],
      };
    },
    async choose(id) {
      procedure = findProcedure(id);
      if (!procedure) throw new Error(`unknown procedure "${id}"`);
      lab = await ensureStarted(ports, lab, procedure);
      last = undefined;
      message = `${procedure.title}`;
    },
    async take(index) {
      if (!procedure) return;
      const step = currentStep(lab, procedure);
      const option = step ? optionsFor(lab, procedure, step)[index] : undefined;
      if (!step || !option) return;
      const taken = await takeOption(ports, lab, procedure, step, option);
      lab = taken.lab;
      last = taken.result;
      message = taken.result.rejection ? `${step.title}: rejected` : `${step.title}: done`;
    },
    async back(steps, mode) {
      const position = positionBeforeInputs(lab, steps);
      if (mode === 'fork') {
        forks += 1;
        const target = labFolder(forkFolderName(folder.root, forks));
        await forkLab(folder, lab, position, target);
        folder = target;
        ports = filePorts(folder, options.warn);
      } else {
        await truncateLab(folder, lab, position);
        ports = filePorts(folder, options.warn);
      }
      lab = await openLab(ports, folder.labId);
      last = undefined;
      message = mode === 'fork' ? `went back to position ${position} on a fork in ${folder.root} (the original log is kept)` : `went back to position ${position}; the log was cut there`;
    },
    explain() {
      return procedure ? explain(lab, procedure, currentStep(lab, procedure)) : ['Choose a procedure first.'];
    },
    async save(file) {
      const path = file ?? `${folder.root}/session-scenario.yaml`;
      await writeFile(path, scenarioOf(lab, `stepped-${procedure?.id ?? 'session'}`));
      message = `saved; the scenario that reproduces this session is ${path}; resume with: pkilab step --lab ${folder.log}`;
      return path;
    },
  };
  return stepper;
};
