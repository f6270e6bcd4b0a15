import { guardOf } from '../../workflows/index.ts';

/** Why the stepper refuses what it was asked: each a wrong input of the person stepping, never a bug. */
const stepperErrorCodes = [
  /** --lab names no lab log to continue. */
  'STEPPER_NO_LAB',
  /** --scenario given where a lab already is (continue it, or --new). */
  'STEPPER_LAB_EXISTS',
  'STEPPER_UNKNOWN_PROCEDURE',
  /** The procedure needs another one done first. */
  'STEPPER_NEEDS_PROCEDURE',
  /** The procedure is done in this lab (again on a fork or in a fresh lab). */
  'STEPPER_PROCEDURE_DONE',
  'STEPPER_UNKNOWN_ACTION',
  /** A number outside the list shown (a choice, a procedure, a proposal, a count of steps). */
  'STEPPER_NOT_LISTED',
  /** Going back where there is nothing, or to a position that is no input. */
  'STEPPER_NOTHING_THERE',
  /** An administrative action's choice its schema refuses (or that is not JSON). */
  'STEPPER_INVALID_CHOICE',
  /** A line plain mode does not read as a command. */
  'STEPPER_UNKNOWN_COMMAND',
] as const;
export type StepperErrorCode = (typeof stepperErrorCodes)[number];

/** A stepper input refused with what was expected and what was found. Exit 2 in the CLI; a ✗ line while stepping. */
export class StepperError extends Error {
  constructor(
    readonly code: StepperErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Whether `error` is a stepper refusal (of `code`, when given). */
export const isStepperError = guardOf(stepperErrorCodes);
