import type { ActionProposal } from './actions-menu.ts';
import { again, back, jumpTo } from './moves.ts';
import { openOrCreate, type StepperOptions } from './open.ts';
import { explain } from './explain.ts';
import { findProcedure } from '../../workflows/index.ts';
import { currentStep } from './session.ts';
import { startIn, stateOf, unknownProcedure, type Session } from './state.ts';
import { act, choose, proposals, save, take } from './taking.ts';
import { viewOf, type StepperView } from './view.ts';

export { isStepperError, type StepperErrorCode } from './errors.ts';
export type { StepperView } from './view.ts';

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
  const { writer, lab, message } = await openOrCreate(options);
  const procedure = options.procedure ? findProcedure(options.procedure) : undefined;
  if (options.procedure && !procedure) throw unknownProcedure(options.procedure);
  const s: Session = { writer, lab, procedure, last: undefined, resolved: [], latest: 0, message, quiz: Boolean(options.quiz), options };
  if (procedure) await startIn(s, procedure);
  return {
    view: () => viewOf(stateOf(s)),
    choose: (id) => choose(s, id),
    take: (index) => take(s, index),
    leave() {
      s.procedure = undefined;
      s.last = undefined;
      s.message = '';
    },
    back: (steps, mode) => back(s, steps, mode),
    jumpTo: (position, mode) => jumpTo(s, position, mode),
    again: (id, where) => again(s, id, where),
    proposals: (action) => proposals(s, action),
    act: (proposal) => act(s, proposal),
    explain: () => (s.procedure ? explain(s.lab, s.procedure, currentStep(s.lab, s.procedure)) : ['Choose a procedure first.']),
    save: (file) => save(s, file),
    close: () => s.writer.release(),
  };
};
