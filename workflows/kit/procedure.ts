import type { LabCommand, LabEvent } from '../../domain/index.ts';
import type { ChoiceSchema } from './choices.ts';

/** A command as a step issues it (the engine reads PFX files named in it before deciding). */
export type StepCommand = LabCommand;

/** What earlier steps chose, by step id (null: left out); later steps read it through a `StepKey`. */
export interface ProcedureContext {
  readonly choices: Readonly<Record<string, unknown>>;
}

/**
 * A step's id together with the type of its choice: the step declares itself with it, and later steps
 * read what it chose through `read` (undefined: not taken yet, null: left out) instead of casting.
 */
export interface StepKey<Choice> {
  readonly id: string;
  readonly read: (context: ProcedureContext) => Choice | null | undefined;
}

/** The one place a recorded choice is given its step's type: the step's parse produced it. */
export const stepKey = <Choice>(id: string): StepKey<Choice> => ({
  id,
  read: (context) => context.choices[id] as Choice | null | undefined,
});

/** A list of dialog options: what the console shows, and the choice it stands for. */
type Offers<Choice> = readonly { readonly label: string; readonly choice: Choice }[];

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
  /** Whether a person can leave it out (and so rehearse what happens without it): the machine's SKIP. */
  readonly skippable: boolean;
  /** The seed's choice, given what earlier steps chose. */
  readonly seedChoice: (context: ProcedureContext) => Choice;
  /** Wrong choices the real dialog also offers, for rehearsal and for exhaustive exploration. */
  readonly variants?: (context: ProcedureContext) => Offers<Choice>;
  /**
   * Everything else the real dialog lets a person pick (every Subject Name format, other Security tab
   * edits…), for the interactive stepper. Exploration walks `variants` only, to keep its paths countable.
   */
  readonly dialog?: (context: ProcedureContext) => Offers<Choice>;
  /** The fields of the choice as the dialog offers them (a strict zod object; scenarios and editors use it too). */
  readonly schema: ChoiceSchema;
  /** Validates a choice from a person or a scenario with `schema`; throws ChoiceError naming the field. */
  readonly parse: (value: unknown, path: string) => Choice;
  readonly commands: (choice: Choice, context: ProcedureContext) => StepCommand[];
}

// ─── Phases: the design card's structure of every procedure ───

/** The phases of the design card, in its order: each procedure has those it needs. */
export const phaseTitles = {
  group: 'Create the security group',
  duplicate: 'Duplicate and name the template',
  configure: 'Configure the template',
  issue: 'Issue the template on the CA',
  policy: 'Turn on autoenrollment',
  request: 'Request the certificate',
  deploy: 'Bind, export or select the certificate',
} as const;

export type PhaseId = keyof typeof phaseTitles;

/** A parent state of a procedure's machine: its steps, taken in order. */
export interface PhaseDefinition {
  readonly id: PhaseId;
  readonly title: string;
  readonly steps: readonly StepDefinition<any>[];
}

/** A phase holding `steps`, titled as the card titles it unless `title` says how this procedure does it. */
export const phase = (id: PhaseId, steps: readonly StepDefinition<any>[], title: string = phaseTitles[id]): PhaseDefinition => ({
  id,
  title,
  steps,
});

/** A procedure as its file writes it: the machine's phases, the events it can produce, and its test. */
interface ProcedureSpec {
  readonly id: string;
  readonly title: string;
  readonly seedSection: string;
  readonly summary: string;
  readonly phases: readonly PhaseDefinition[];
  /** Every domain event type its steps can produce (checked against exploration by its test). */
  readonly events: readonly LabEvent['type'][];
  /** Its given/when/then test, from the repository root. */
  readonly test: string;
}

export interface ProcedureDefinition extends ProcedureSpec {
  /** The steps of all phases, in order. */
  readonly steps: readonly StepDefinition<any>[];
}

/** A procedure with its steps listed in phase order. */
export const defineProcedure = (spec: ProcedureSpec): ProcedureDefinition => ({ ...spec, steps: spec.phases.flatMap((p) => p.steps) });

/** The phase that holds a step. */
export const phaseOf = (procedure: ProcedureDefinition, step: string): PhaseDefinition | undefined =>
  procedure.phases.find((p) => p.steps.some((s) => s.id === step));
