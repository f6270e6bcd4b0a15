import { findAction, findProcedure, isEventStoreError, openLab, takeAction } from '../../workflows/index.ts';
import { modes, writeFileAtomic } from '../files/atomic.ts';
import { proposalsFor, type ActionProposal } from './actions-menu.ts';
import { scenarioOf } from './branch.ts';
import { StepperError } from './errors.ts';
import { procedureStatus } from './prerequisites.ts';
import { currentStep, optionsFor, takeOption, type StepResult } from './session.ts';
import { noteResolved, startIn, unknownProcedure, type Session } from './state.ts';
import { open } from './view.ts';

/** Opens a procedure; a completed one, or one whose prerequisites are not done, is refused with the way on. */
export const choose = async (s: Session, id: string): Promise<void> => {
  const chosen = findProcedure(id);
  if (!chosen) throw unknownProcedure(id);
  const status = procedureStatus(s.lab.world, chosen);
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
  s.procedure = chosen;
  await startIn(s, chosen);
  s.last = undefined;
  s.message = chosen.title;
};

const outcomeWord = (result: StepResult) => (result.rejection ? 'rejected' : result.leftOut ? 'left out' : 'done');

/** Takes the current step's choice number `index` (from 0). */
export const take = async (s: Session, index: number): Promise<void> => {
  const { procedure } = s;
  if (!procedure) return;
  const step = currentStep(s.lab, procedure);
  const listed = step ? optionsFor(s.lab, procedure, step) : [];
  const option = listed[index];
  if (!step || !option)
    throw new StepperError('STEPPER_NOT_LISTED', `no choice ${index + 1} here; expected a choice from 1 to ${listed.length}`);
  let taken;
  try {
    taken = await takeOption(s.writer.ports, s.lab, { procedure, step, option, quiz: s.quiz });
  } catch (error) {
    if (!isEventStoreError(error, 'EVENTSTORE_VERSION_CONFLICT')) throw error;
    // Another writer appended first (a team on one lab in a store): take up what they did, and ask again.
    s.lab = await openLab(s.writer.ports, s.writer.folder.labId);
    s.last = undefined;
    s.message = `someone else changed this lab first (it has ${s.lab.events.length} events now); here it is as it stands: choose again`;
    return;
  }
  s.lab = taken.lab;
  s.last = taken.result;
  noteResolved(s, taken.result.resolved, step.title);
  s.message = `${step.title}: ${outcomeWord(taken.result)}`;
};

export const proposals = (s: Session, action: string): ActionProposal[] => {
  const definition = findAction(action);
  if (!definition) throw new StepperError('STEPPER_UNKNOWN_ACTION', `unknown action "${action}"`);
  return proposalsFor(definition, s.lab.world);
};

/** Takes an action outside the procedures; what it resolved and brought shows as a step's result would. */
export const act = async (s: Session, proposal: ActionProposal): Promise<void> => {
  const { action } = proposal;
  try {
    action.parse(proposal.choice, action.id);
  } catch (error) {
    throw new StepperError('STEPPER_INVALID_CHOICE', `${action.title}: ${(error as Error).message}`);
  }
  const before = open(s.lab.world);
  const taken = await takeAction(s.writer.ports, s.lab, action.id, proposal.choice);
  s.lab = taken.lab;
  const after = open(s.lab.world);
  const gone = before.filter((f) => !after.some((a) => a.id === f.id));
  noteResolved(s, gone, action.title);
  s.last = {
    step: action.id,
    title: `${action.title} (${proposal.label})`,
    leftOut: false,
    changes: [],
    resolved: gone,
    newFindings: after.filter((f) => !before.some((b) => b.id === f.id)),
    ...(taken.outcome.ok ? {} : { rejection: taken.outcome.rejection }),
  };
  s.message = `${action.title}: ${taken.outcome.ok ? 'done' : 'refused'}`;
};

/** Writes the scenario that reproduces the session (it names the passwords typed, so the file is private). */
export const save = async (s: Session, file?: string): Promise<string> => {
  const { folder, ports } = s.writer;
  const path = file ?? `${folder.root}/session-scenario.yaml`;
  await writeFileAtomic(path, await scenarioOf(s.lab, `stepped-${s.procedure?.id ?? 'session'}`, ports.secrets), modes.secret);
  s.message = `saved; the scenario that reproduces this session is ${path}; resume with: pkilab step --lab ${folder.log}`;
  return path;
};
