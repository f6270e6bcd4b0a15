import { assign, setup, type SnapshotFrom } from 'xstate';
import type { ProcedureContext, ProcedureDefinition, StepCommand, StepDefinition } from './procedure.ts';

/** What a procedure machine starts from: the procedures it relies on (their groups and templates). */
export interface ProcedureInput {
  readonly prerequisites: readonly string[];
}

/** The machine's context: the choices so far (what steps read), and the prerequisites it was given. */
interface MachineContext extends ProcedureContext {
  readonly prerequisites: readonly string[];
}

/** The person's input to a procedure machine: take a step with a (parsed) choice, or leave it out. */
export type ProcedureEvent = { type: 'ACT'; step: string; choice: unknown } | { type: 'SKIP'; step: string };

/** The machine's vocabulary: its named guards and actions, shared by every procedure. */
const procedureSetup = setup({
  types: { context: {} as MachineContext, events: {} as ProcedureEvent, input: {} as ProcedureInput },
  guards: {
    /** The input names this step (an input for another step finds no transition). */
    isThisStep: ({ event }, params: { step: string }) => event.step === params.step,
  },
  actions: {
    /** The step's commands, for the engine to decide: the machine names them and never runs them. */
    decide: (_args, _params: { commands: readonly StepCommand[] }) => undefined,
    /** Keeps the choice (null when the step is left out) for the steps after it. */
    remember: assign({
      choices: ({ context, event }) => ({ ...context.choices, [event.step]: event.type === 'ACT' ? event.choice : null }),
    }),
  },
});

/** ACT (and SKIP when the step may be left out) on this step, going to `target`. */
const stepState = (step: StepDefinition<any>, target: string) => {
  const guard = { type: 'isThisStep', params: { step: step.id } } as const;
  const decide = {
    type: 'decide',
    params: ({ context, event }: { context: ProcedureContext; event: ProcedureEvent }) => ({
      commands: event.type === 'ACT' ? step.commands(event.choice, context) : [],
    }),
  } as const;
  return {
    description: step.title,
    on: {
      ACT: { guard, target, actions: [decide, 'remember' as const] },
      ...(step.skippable ? { SKIP: { guard, target, actions: 'remember' as const } } : {}),
    },
  };
};

/**
 * The XState machine of a procedure: one parent state per phase of the design card (create group →
 * duplicate → configure → issue → request → bind/export, as far as the procedure has them), each holding
 * its steps in the seed's order, then `done`. It alone judges which input may come next: an input for
 * another step, or a SKIP of a step that may not be left out, finds no transition. An accepted ACT names
 * a `decide` action whose params are the commands to decide.
 */
export const procedureMachine = (procedure: ProcedureDefinition) => {
  const root = `#${procedure.id}`;
  const phases = procedure.phases;
  const states = Object.fromEntries(
    phases.map((phase, p) => {
      const after = phases[p + 1] ? `${root}.${phases[p + 1]!.id}` : `${root}.done`;
      const steps = phase.steps.map((step, s) => [step.id, stepState(step, phase.steps[s + 1]?.id ?? after)]);
      return [phase.id, { description: phase.title, initial: phase.steps[0]!.id, states: Object.fromEntries(steps) }];
    }),
  );
  return procedureSetup.createMachine({
    id: procedure.id,
    context: ({ input }) => ({ choices: {}, prerequisites: input?.prerequisites ?? [] }),
    initial: phases[0]!.id,
    states: { ...states, done: { type: 'final' as const } },
  });
};

export type ProcedureMachine = ReturnType<typeof procedureMachine>;
export type ProcedureSnapshot = SnapshotFrom<ProcedureMachine>;

const machines = new Map<string, ProcedureMachine>();

/** The machine of a procedure, built once. */
export const machineOf = (procedure: ProcedureDefinition): ProcedureMachine => {
  let machine = machines.get(procedure.id);
  if (!machine) machines.set(procedure.id, (machine = procedureMachine(procedure)));
  return machine;
};

/** The step a snapshot waits at (its leaf state), or `done`. */
export const currentStepOf = (snapshot: ProcedureSnapshot): string => {
  let value: unknown = snapshot.value;
  while (value !== null && typeof value === 'object') value = Object.values(value)[0];
  return String(value);
};
