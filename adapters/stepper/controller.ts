import { isEventStoreError, findAction, openLab, procedures, takeAction, type Lab } from '../../workflows/index.ts';
import { modes, writeFileAtomic } from '../files/atomic.ts';
import { labFolder, labIn, openNewLab } from '../lab-files.ts';
import { proposalsFor, type ActionProposal } from './actions-menu.ts';
import { forkFolderName, forkLab, positionBeforeInputs, scenarioOf } from './branch.ts';
import { StepperError } from './errors.ts';
import { freshLab, openOrCreate, type StepperOptions } from './open.ts';
import { procedureStatus, prerequisitesOf } from './prerequisites.ts';
import { currentStep, ensureStarted, explain, findProcedure, optionsFor, takeOption, type StepResult } from './session.ts';
import { open, viewOf, type Resolution, type StepperView } from './view.ts';

export { isStepperError, StepperError, type StepperErrorCode } from './errors.ts';
export type { StepperOptions } from './open.ts';
export type { EarlierInput, Resolution, StepperView } from './view.ts';

export interface Stepper {
  view(): StepperView;
  /** Opens a procedure; a completed one, or one whose prerequisites are not done, is refused with the way on. */
  choose(procedure: string): Promise<void>;
  take(index: number): Promise<void>;
  /** Back to the list of procedures. */
  leave(): void;
  back(steps: number, mode: 'truncate' | 'fork'): Promise<void>;
  /** Goes back to just before the input at `position` (cutting the log, or on a fork). */
  jumpTo(position: number, mode: 'truncate' | 'fork'): Promise<void>;
  /** A completed procedure again: on a fork of the lab before it started, or in a fresh lab (its prerequisites done the seed's way). */
  again(procedure: string, where: 'fork' | 'fresh'): Promise<void>;
  proposals(action: string): ActionProposal[];
  act(proposal: ActionProposal): Promise<void>;
  explain(): string[];
  save(file?: string): Promise<string>;
  /** Lets go of the lab (its writer lock); the stepper cannot be used after. */
  close(): Promise<void>;
}

/** The stepping session shared by the full-screen and the plain interface. */
export const createStepper = async (options: StepperOptions & { quiz?: boolean }): Promise<Stepper> => {
  let { writer, lab, message } = await openOrCreate(options);
  let { folder, ports } = writer;
  let procedure = options.procedure ? findProcedure(options.procedure) : undefined;
  if (options.procedure && !procedure)
    throw new StepperError(
      'STEPPER_UNKNOWN_PROCEDURE',
      `unknown procedure "${options.procedure}"; expected one of ${procedures.map((p) => p.id).join(', ')}`,
    );
  /** Starts the procedure unless it runs; when another writer appended first (a team on one lab), reads the lab again. */
  const started = async (chosen: NonNullable<typeof procedure>) => {
    try {
      return await ensureStarted(ports, lab, chosen);
    } catch (error) {
      if (!isEventStoreError(error, 'EVENTSTORE_VERSION_CONFLICT')) throw error;
      return ensureStarted(ports, await openLab(ports, folder.labId), chosen);
    }
  };
  if (procedure) lab = await started(procedure);
  let last: StepResult | undefined;
  let resolved: Resolution[] = [];
  /** How many of `resolved` the last step or action resolved. */
  let latest = 0;
  const quiz = Boolean(options.quiz);

  const nextFork = async () => {
    let n = 1;
    while ((await labIn(labFolder(forkFolderName(folder.root, n)))).occupied) n += 1;
    return forkFolderName(folder.root, n);
  };
  const moveTo = async (position: number, mode: 'truncate' | 'fork') => {
    if (mode === 'fork') {
      const fork = await openNewLab(labFolder(await nextFork()), 'pkilab step (fork)', 'never', options.warn);
      try {
        await forkLab(ports, lab, position, fork.ports);
      } catch (error) {
        await fork.release();
        throw error;
      }
      await writer.release();
      writer = fork;
    } else await ports.events.truncate(folder.labId, position, lab.events.length);
    ({ folder, ports } = writer);
    lab = await openLab(ports, folder.labId);
    last = undefined;
    resolved = [];
    latest = 0;
    message =
      mode === 'fork'
        ? `went back to position ${position} on a fork in ${folder.root} (the original log is kept)`
        : `went back to position ${position}; the log was cut there`;
  };
  const switchTo = async (next: typeof writer, nextLab: Lab) => {
    await writer.release();
    writer = next;
    ({ folder, ports } = writer);
    lab = nextLab;
  };

  const stepper: Stepper = {
    view: () => viewOf({ folder, lab, procedure, quiz, last, message, resolved, latest }),
    async choose(id) {
      const chosen = findProcedure(id);
      if (!chosen)
        throw new StepperError(
          'STEPPER_UNKNOWN_PROCEDURE',
          `unknown procedure "${id}"; expected one of ${procedures.map((p) => p.id).join(', ')}`,
        );
      const status = procedureStatus(lab.world, chosen);
      if (status.kind === 'needs')
        throw new StepperError(
          'STEPPER_NEEDS_PROCEDURE',
          `${chosen.id} needs ${status.first.join(' and ')} first: its steps name the group or template that procedure creates`,
        );
      if (status.kind === 'done')
        throw new StepperError(
          'STEPPER_PROCEDURE_DONE',
          `${chosen.id} is already done in this lab; step it again on a fork of the lab before it (f) or in a fresh lab (n)`,
        );
      procedure = chosen;
      lab = await started(procedure);
      last = undefined;
      message = procedure.title;
    },
    async take(index) {
      if (!procedure) return;
      const step = currentStep(lab, procedure);
      const option = step ? optionsFor(lab, procedure, step)[index] : undefined;
      if (!step || !option)
        throw new StepperError(
          'STEPPER_NOT_LISTED',
          `no choice ${index + 1} here; expected a choice from 1 to ${step ? optionsFor(lab, procedure, step).length : 0}`,
        );
      let taken;
      try {
        taken = await takeOption(ports, lab, procedure, step, option, quiz);
      } catch (error) {
        if (!isEventStoreError(error, 'EVENTSTORE_VERSION_CONFLICT')) throw error;
        // Another writer appended first (a team on one lab in a store): take up what they did, and ask again.
        lab = await openLab(ports, folder.labId);
        last = undefined;
        message = `someone else changed this lab first (it has ${lab.events.length} events now); here it is as it stands: choose again`;
        return;
      }
      lab = taken.lab;
      last = taken.result;
      resolved = [...taken.result.resolved.map((finding) => ({ finding, by: step.title })), ...resolved].slice(0, 8);
      latest = taken.result.resolved.length;
      message = taken.result.rejection
        ? `${step.title}: rejected`
        : taken.result.leftOut
          ? `${step.title}: left out`
          : `${step.title}: done`;
    },
    leave() {
      procedure = undefined;
      last = undefined;
      message = '';
    },
    async back(steps, mode) {
      if (!lab.events.some((e) => e.type === 'ActionTaken'))
        throw new StepperError('STEPPER_NOTHING_THERE', 'nothing to go back to: no step has been taken in this lab yet');
      await moveTo(positionBeforeInputs(lab, steps), mode);
    },
    async jumpTo(position, mode) {
      const input = lab.events[position - 1];
      if (input?.type !== 'ActionTaken')
        throw new StepperError('STEPPER_NOTHING_THERE', `position ${position} is not an input of this lab`);
      await moveTo(position - 1, mode);
    },
    async again(id, where) {
      const chosen = findProcedure(id);
      if (!chosen) throw new StepperError('STEPPER_UNKNOWN_PROCEDURE', `unknown procedure "${id}"`);
      if (where === 'fork') {
        const started = [...lab.events].reverse().find((e) => e.type === 'ProcedureStarted' && e.data.procedure === id);
        if (!started) throw new StepperError('STEPPER_NOTHING_THERE', `${id} was never started in this lab`);
        await moveTo(started.position - 1, 'fork');
      } else {
        const fresh = await freshLab(
          folder.root,
          prerequisitesOf(chosen).map((p) => p.id),
          options.warn,
        );
        await switchTo(fresh.writer, fresh.lab);
        last = undefined;
        resolved = [];
        latest = 0;
      }
      procedure = chosen;
      lab = await started(chosen);
      message = `${chosen.title}: again, in ${folder.root}${
        where === 'fresh' && prerequisitesOf(chosen).length
          ? ` (after ${prerequisitesOf(chosen)
              .map((p) => p.id)
              .join(', ')} the seed's way)`
          : ''
      }`;
    },
    proposals: (action) => {
      const definition = findAction(action);
      if (!definition) throw new StepperError('STEPPER_UNKNOWN_ACTION', `unknown action "${action}"`);
      return proposalsFor(definition, lab.world);
    },
    async act(proposal) {
      try {
        proposal.action.parse(proposal.choice, proposal.action.id);
      } catch (error) {
        throw new StepperError('STEPPER_INVALID_CHOICE', `${proposal.action.title}: ${(error as Error).message}`);
      }
      const before = lab.world;
      const taken = await takeAction(ports, lab, proposal.action.id, proposal.choice);
      lab = taken.lab;
      const now = open(lab.world).map((f) => f.id);
      const gone = open(before).filter((f) => !now.includes(f.id));
      resolved = [...gone.map((finding) => ({ finding, by: proposal.action.title })), ...resolved].slice(0, 8);
      latest = gone.length;
      last = {
        step: proposal.action.id,
        title: `${proposal.action.title} (${proposal.label})`,
        leftOut: false,
        changes: [],
        resolved: gone,
        newFindings: open(lab.world).filter((f) => !open(before).some((b) => b.id === f.id)),
        ...(taken.outcome.ok ? {} : { rejection: taken.outcome.rejection }),
      };
      message = `${proposal.action.title}: ${taken.outcome.ok ? 'done' : 'refused'}`;
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
