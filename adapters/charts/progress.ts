import type { RecordedEvent } from '../../domain/index.ts';
import { machineOf, procedureSnapshot, type ProcedureDefinition } from '../../workflows/index.ts';
import { notStarted, procedureChart, type ChartProgress, type ProcedureChart } from './chart.ts';

/**
 * Where a procedure stands after `events`: the machine's snapshot (its state value and the choices it
 * holds) and the steps whose last input since the procedure's last start was rejected.
 */
const progressOf = (procedure: ProcedureDefinition, events: readonly RecordedEvent[]): ChartProgress => {
  const snapshot = procedureSnapshot(procedure, events);
  if (!snapshot) return notStarted;
  const last = new Map<string, 'taken' | 'rejected'>();
  for (const event of events) {
    if (event.type === 'ProcedureStarted' && event.data.procedure === procedure.id) last.clear();
    if (event.type === 'ActionTaken' && event.data.procedure === procedure.id) last.set(event.data.step, 'taken');
    if (event.type === 'ActionRejected' && event.data.procedure === procedure.id) last.set(event.data.step, 'rejected');
  }
  return {
    value: snapshot.value,
    choices: snapshot.context.choices,
    rejected: [...last].filter(([, outcome]) => outcome === 'rejected').map(([step]) => step),
  };
};

/** A seed procedure's chart after `events` (none: as it starts), its steps labelled with their titles. */
export const chartOf = (procedure: ProcedureDefinition, events: readonly RecordedEvent[] = []): ProcedureChart =>
  procedureChart(machineOf(procedure), progressOf(procedure, events), {
    labels: Object.fromEntries(procedure.steps.map((s) => [s.id, s.title])),
  });
