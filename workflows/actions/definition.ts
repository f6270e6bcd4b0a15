import type { LabCommand, SimTime, World } from '../../domain/index.ts';
import type { ChoiceSchema } from '../kit/choices.ts';

/** The `procedure` field of an administrative action's input and rejection in the log (`step` is the action id). */
export const adminProcedure = 'admin';

/** Where the stepper and the README group an action. */
export type ActionGroup = 'computers' | 'certification authority' | 'templates' | 'certificates' | 'time';

/**
 * An administrative action outside the seed's procedures (restart, gpupdate, approve a request, edit a template,
 * advance time…), shaped like a procedure step: an id, a title in pkilab's words, a strict schema for its choice
 * and the commands the choice sends. Its input is recorded like a step's (ActionTaken with procedure `admin`).
 */
export interface ActionDefinition<Choice = unknown> {
  readonly id: string;
  readonly title: string;
  /** What the action does on a real network and what it is for. */
  readonly purpose: string;
  readonly group: ActionGroup;
  /** The real tool or console the action stands for (`certutil -pulse`, the CA console's Pending Requests…). */
  readonly tool: string;
  /** A valid choice, for the README, the stepper's first proposal and tests. */
  readonly example: Choice;
  /** The fields of the choice (a strict zod object; scenarios, the stepper and travel use it). */
  readonly schema: ChoiceSchema;
  /** Validates a choice with `schema`; throws ChoiceError naming the field. */
  readonly parse: (value: unknown, path: string) => Choice;
  /** Simulated minutes the action takes. */
  readonly minutes: number;
  /** For an action that lets time pass: the simulated time it ends at, from the lab's time now. */
  readonly until?: (choice: Choice, now: SimTime) => SimTime;
  /** The commands the choice sends at simulated time `at`, given the world then (to resolve a certificate by template, say). */
  readonly commands: (choice: Choice, world: World, at: SimTime) => LabCommand[];
}

/** Keeps an action's choice type while the catalogue holds actions of every choice. */
export const defineAction = <Choice>(definition: ActionDefinition<Choice>): ActionDefinition<Choice> => definition;
