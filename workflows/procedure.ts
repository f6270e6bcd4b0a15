import { assign, setup } from 'xstate';
import type { LabCommand } from '../domain/index.ts';
import type { ChoiceSchema } from './choices.ts';

/** A command as a step issues it (the engine reads PFX files named in it before deciding). */
export type StepCommand = LabCommand;

/** What earlier steps chose, by step id; later steps read it (the template name, the group). */
export interface ProcedureContext {
  readonly choices: Readonly<Record<string, unknown>>;
}

/** One step of a seed procedure: the dialog it stands for, its choices, and the commands they issue. */
export interface StepDefinition<Choice = unknown> {
  readonly id: string;
  readonly title: string;
  /** What the step is for, in pkilab's words. */
  readonly purpose: string;
  /** Where the seed describes it. */
  readonly seed: string;
  /** Simulated minutes the step takes, for this choice. */
  readonly minutes: number | ((choice: Choice) => number);
  /** Whether a person can leave it out (and so rehearse what happens without it). */
  readonly skippable: boolean;
  /** The seed's choice, given what earlier steps chose. */
  readonly seedChoice: (context: ProcedureContext) => Choice;
  /** Wrong choices the real dialog also offers, for rehearsal and for exhaustive exploration. */
  readonly variants?: (context: ProcedureContext) => readonly { readonly label: string; readonly choice: Choice }[];
  /**
   * Everything else the real dialog lets a person pick (every Subject Name format, other Security tab
   * edits…), for the interactive stepper. Exploration walks `variants` only, to keep its paths countable.
   */
  readonly dialog?: (context: ProcedureContext) => readonly { readonly label: string; readonly choice: Choice }[];
  /** The fields of the choice as the dialog offers them (a strict zod object; scenarios and editors use it too). */
  readonly schema: ChoiceSchema;
  /** Validates a choice from a person or a scenario with `schema`; throws ChoiceError naming the field. */
  readonly parse: (value: unknown, path: string) => Choice;
  readonly commands: (choice: Choice, context: ProcedureContext) => StepCommand[];
}

export interface ProcedureDefinition {
  readonly id: string;
  readonly title: string;
  readonly seedSection: string;
  readonly summary: string;
  readonly steps: readonly StepDefinition<any>[];
}

/** The person's input to a procedure machine. */
export type ProcedureEvent = { type: 'ACT'; step: string; choice: unknown } | { type: 'SKIP'; step: string };

/**
 * The XState machine of a procedure: one state per step, in the seed's order, then `done`.
 * Each accepted input names a `command` action whose params are the commands to decide.
 */
export const procedureMachine = (procedure: ProcedureDefinition) => {
  const steps = procedure.steps;
  return setup({
    types: { context: {} as ProcedureContext, events: {} as ProcedureEvent },
    actions: {
      remember: assign({ choices: ({ context, event }) => ({ ...context.choices, [event.step]: event.type === 'ACT' ? event.choice : null }) }),
      command: (_, _params: { commands: StepCommand[] }) => undefined,
    },
  }).createMachine({
    id: procedure.id,
    context: { choices: {} },
    initial: steps[0]!.id,
    states: {
      ...Object.fromEntries(
        steps.map((step, index) => [
          step.id,
          {
            on: {
              ACT: {
                guard: ({ event }: { event: ProcedureEvent }) => event.step === step.id,
                target: steps[index + 1]?.id ?? 'done',
                actions: [
                  { type: 'command' as const, params: ({ context, event }: { context: ProcedureContext; event: ProcedureEvent }) => ({ commands: event.type === 'ACT' ? step.commands(event.choice, context) : [] }) },
                  'remember' as const,
                ],
              },
              ...(step.skippable ? { SKIP: { guard: ({ event }: { event: ProcedureEvent }) => event.step === step.id, target: steps[index + 1]?.id ?? 'done', actions: 'remember' as const } } : {}),
            },
          },
        ]),
      ),
      done: { type: 'final' as const },
    },
  });
};

export type ProcedureMachine = ReturnType<typeof procedureMachine>;
