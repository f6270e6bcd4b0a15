import { initialTransition, transition } from 'xstate';
import type { ProcedureProgress, RecordedEvent, World } from '../domain/index.ts';
import { progressAfter } from '../projections/index.ts';
import { machineOf, type ProcedureEvent, type ProcedureSnapshot } from './kit/machine.ts';
import { prerequisiteIds } from './prerequisites.ts';
import { phaseOf, type ProcedureDefinition } from './kit/procedure.ts';

/** The recorded input of an ActionTaken event as the machine event it was. */
export const toMachineEvent = (data: { step: string; choice: unknown }): ProcedureEvent =>
  data.choice === null ? { type: 'SKIP', step: data.step } : { type: 'ACT', step: data.step, choice: data.choice };

/** Snapshots already known, by the world's progress record they belong to (records are immutable). */
const known = new WeakMap<ProcedureProgress, ProcedureSnapshot>();

/** Keeps the snapshot the machine answered for a progress record, so the next step starts from it. */
export const rememberSnapshot = (world: World, procedure: string, snapshot: ProcedureSnapshot): void => {
  const progress = world.procedures[procedure];
  if (progress) known.set(progress, snapshot);
};

/**
 * The machine's snapshot for a progress record of the folded world: its input is the procedure's
 * prerequisites, its context the accepted choices,
 * and the machine itself answers where the last accepted input led (one transition from that step's
 * state), so no step replays the procedure's inputs.
 */
const restore = (procedure: ProcedureDefinition, progress: ProcedureProgress): ProcedureSnapshot => {
  const machine = machineOf(procedure);
  const prerequisites = prerequisiteIds(procedure);
  const last = progress.inputs.at(-1);
  if (!last) return initialTransition(machine, { prerequisites })[0];
  const choices = Object.fromEntries(progress.inputs.slice(0, -1).map((input) => [input.step, input.choice]));
  const phase = phaseOf(procedure, last.step);
  const initial = initialTransition(machine, { prerequisites })[0];
  // A step the procedure no longer has (a log of an older pkilab): the machine is asked input by input.
  if (!phase) return progress.inputs.reduce((snapshot, input) => transition(machine, snapshot, toMachineEvent(input))[0], initial);
  const before = machine.resolveState({ value: { [phase.id]: last.step }, context: { choices, prerequisites } });
  return transition(machine, before, toMachineEvent(last))[0];
};

/**
 * Where a procedure stands: the snapshot kept with the folded world (after its last start), or undefined
 * when it was never started. A log read as a list of events is folded for its workflow events first.
 */
export const procedureSnapshot = (
  procedure: ProcedureDefinition,
  source: World | readonly RecordedEvent[],
): ProcedureSnapshot | undefined => {
  const progress = Array.isArray(source) ? progressAfter(source, procedure.id) : (source as World).procedures[procedure.id];
  if (!progress) return undefined;
  let snapshot = known.get(progress);
  if (!snapshot) known.set(progress, (snapshot = restore(procedure, progress)));
  return snapshot;
};
