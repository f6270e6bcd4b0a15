import { createLab, openLab, procedures, runScenario, type Lab, type LabPorts, type ProcedureDefinition } from '../../workflows/index.ts';
import { defaultLabStart } from '../clock.ts';
import { modes, writeFileAtomic } from '../files/atomic.ts';
import { labFolder, labIn, openExistingLab, openNewLab, type LabFolder, type LabWriter } from '../lab-files.ts';
import { loadScenario } from '../scenario/load.ts';
import { forkFolderName, forkLab, positionBeforeInputs, scenarioOf } from './branch.ts';
import { checklist, currentStep, ensureStarted, explain, findProcedure, optionsFor, takeOption, touchedWorld, type Checklist, type StepOption, type StepResult } from './session.ts';
import { drawCaIdentity } from '../ca-identity.ts';
import { openStoreStepLab } from '../postgres/step.ts';

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
  /** Lets go of the lab (its writer lock); the stepper cannot be used after. */
  close(): Promise<void>;
}

export interface StepperOptions {
  readonly out: string;
  readonly lab?: string;
  readonly scenario?: string;
  readonly procedure?: string;
  readonly fresh?: boolean;
  /** A PostgreSQL store: `lab` is then a lab's name in it. */
  readonly store?: string | undefined;
  readonly warn: (message: string) => void;
}

/** A stepper that cannot open its lab as asked (no log to continue, a lab in the way). Exit 2 in the CLI. */
export class StepperError extends Error {
  readonly code = 'STEPPER_INPUT';
}

/**
 * Opens (or creates) the lab the session works on, as its only writer: an existing log, a scenario's end
 * state, or the test network. A lab already in the folder is continued, never replaced unless `fresh`.
 */
const openOrCreate = async (options: StepperOptions): Promise<{ writer: LabWriter; lab: Lab; message: string }> => {
  if (options.store && !options.lab?.endsWith('.jsonl')) return openStoreStepLab(options.store, options.lab, options);
  const folder = labFolder(options.lab ? options.lab.replace(/\/?[^/]*\.jsonl$/, '') || '.' : options.out, options.lab ? (options.lab.match(/([^/]+)\.jsonl$/)?.[1] ?? 'lab') : 'lab');
  const { occupied } = await labIn(folder);
  if (options.lab && !occupied) throw new StepperError(`${options.lab} holds no lab log to continue (is the path right?)`);
  if (occupied && !options.fresh) {
    if (options.scenario) throw new StepperError(`${folder.root} already holds a lab; continue it without --scenario, or add --new to replace it with the scenario's`);
    const writer = await openExistingLab(folder, 'pkilab step', options.warn);
    const lab = await openLab(writer.ports, folder.labId);
    if (lab.events.length > 0) return { writer, lab, message: `continuing ${folder.log} (${lab.events.length} events)` };
    // A log with no complete append (its creation was cut short): the lab is created again in it.
    const created = await createLab(writer.ports, folder.labId, { startsAt: defaultLabStart(), ca: { edition: 'enterprise', os: 'windows-server-2008' }, identity: drawCaIdentity() });
    return { writer, lab: created, message: `${folder.log} held no complete event; a new lab was created in it` };
  }
  const writer = await openNewLab(folder, 'pkilab step', 'marked', options.warn);
  try {
    if (options.scenario) {
      const scenario = await loadScenario(options.scenario);
      const start = await createLab(writer.ports, folder.labId, { startsAt: scenario.lab.startsAt ?? defaultLabStart(), ca: scenario.lab.ca, identity: drawCaIdentity() });
      const run = await runScenario(writer.ports, start, scenario);
      return { writer, lab: run.lab, message: `started from ${options.scenario} (${run.lab.events.length} events)` };
    }
    const lab = await createLab(writer.ports, folder.labId, { startsAt: defaultLabStart(), ca: { edition: 'enterprise', os: 'windows-server-2008' }, identity: drawCaIdentity() });
    return { writer, lab, message: `new lab: the contoso.com test network in ${folder.root}` };
  } catch (error) {
    await writer.release();
    throw error;
  }
};

/** The stepping session shared by the full-screen and the plain interface. */
export const createStepper = async (options: StepperOptions): Promise<Stepper> => {
  let { writer, lab, message } = await openOrCreate(options);
  let { folder, ports } = writer;
  let procedure = options.procedure ? findProcedure(options.procedure) : undefined;
  if (options.procedure && !procedure) throw new StepperError(`unknown procedure "${options.procedure}"; expected one of ${procedures.map((p) => p.id).join(', ')}`);
  if (procedure) lab = await ensureStarted(ports, lab, procedure);
  let last: StepResult | undefined;
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
      if (!procedure) throw new StepperError(`unknown procedure "${id}"`);
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
        let n = 1;
        while ((await labIn(labFolder(forkFolderName(folder.root, n)))).occupied) n += 1;
        const fork = await openNewLab(labFolder(forkFolderName(folder.root, n)), 'pkilab step (fork)', 'never', options.warn);
        try {
          await forkLab(ports, lab, position, fork.ports);
        } catch (error) {
          await fork.release();
          throw error;
        }
        await writer.release();
        writer = fork;
      } else {
        await ports.events.truncate(folder.labId, position, lab.events.length);
      }
      ({ folder, ports } = writer);
      lab = await openLab(ports, folder.labId);
      last = undefined;
      message = mode === 'fork' ? `went back to position ${position} on a fork in ${folder.root} (the original log is kept)` : `went back to position ${position}; the log was cut there`;
    },
    explain() {
      return procedure ? explain(lab, procedure, currentStep(lab, procedure)) : ['Choose a procedure first.'];
    },
    async save(file) {
      const path = file ?? `${folder.root}/session-scenario.yaml`;
      // The saved scenario names the passwords typed in the session (it must replay them), so it is private.
      await writeFileAtomic(path, await scenarioOf(lab, `stepped-${procedure?.id ?? 'session'}`, ports.secrets), modes.secret);
      message = `saved; the scenario that reproduces this session is ${path}; resume with: pkilab step --lab ${folder.log}`;
      return path;
    },
    close: () => writer.release(),
  };
  return stepper;
};
