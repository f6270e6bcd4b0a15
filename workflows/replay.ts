import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { RecordedEvent } from '../domain/index.ts';
import type { ProcedureDefinition } from './procedure.ts';
import { procedureMachine, type ProcedureEvent, type ProcedureMachine } from './procedure.ts';

export type ProcedureSnapshot = SnapshotFrom<ProcedureMachine>;

const machines = new Map<string, ProcedureMachine>();

/** The machine of a procedure, built once. */
export const machineOf = (procedure: ProcedureDefinition): ProcedureMachine => {
  let machine = machines.get(procedure.id);
  if (!machine) machines.set(procedure.id, (machine = procedureMachine(procedure)));
  return machine;
};

/** The recorded input of an ActionTaken event as the machine event it was. */
export const toMachineEvent = (data: { step: string; choice: unknown }): ProcedureEvent =>
  data.choice === null ? { type: 'SKIP', step: data.step } : { type: 'ACT', step: data.step, choice: data.choice };

/**
 * Where a procedure stands after a log: its last start, then every accepted input replayed through
 * the machine. An input followed by its ActionRejected did not move the procedure.
 */
export const procedureSnapshot = (procedure: ProcedureDefinition, events: readonly RecordedEvent[]): ProcedureSnapshot | undefined => {
  const machine = machineOf(procedure);
  let snapshot: ProcedureSnapshot | undefined;
  events.forEach((event, index) => {
    if (event.type === 'ProcedureStarted' && event.data.procedure === procedure.id) snapshot = initialTransition(machine)[0];
    if (event.type !== 'ActionTaken' || event.data.procedure !== procedure.id || !snapshot) return;
    const next = events[index + 1];
    if (next?.type === 'ActionRejected') return;
    snapshot = transition(machine, snapshot, toMachineEvent(event.data))[0];
  });
  return snapshot;
};
