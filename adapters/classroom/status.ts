import { evaluateFindings, type RecordedEvent } from '../../domain/index.ts';
import { fold, isAcceptedInput } from '../../projections/index.ts';
import { currentStepOf, findProcedure, procedureSnapshot } from '../../workflows/index.ts';

/** Where one student's lab stands: the data of the trainer's dashboard (`pkilab class status`). */
export interface LabStatus {
  readonly lab: string;
  readonly events: number;
  /** The procedure in progress (started, not completed), or the last one completed, or none. */
  readonly procedure: { readonly id: string; readonly title: string; readonly completed: boolean } | null;
  /** The step the procedure waits on (none once completed). */
  readonly step: { readonly id: string; readonly title: string } | null;
  readonly proceduresCompleted: readonly string[];
  readonly rejections: number;
  readonly lastRejection: { readonly step: string; readonly code: string; readonly message: string } | null;
  /** Rejections in a row at the end of the log, on the same step: two or more and the student is stuck. */
  readonly rejectedInARow: number;
  readonly stuck: boolean;
  readonly openFindings: readonly { readonly id: string; readonly severity: string }[];
  /** Simulated time of the lab, and wall-clock time of its last change (the store's). */
  readonly simulatedTime: string;
  readonly lastActivity: string;
}

/** Folds a lab's events into its status. */
export const labStatus = (lab: string, events: readonly RecordedEvent[], lastActivity: string): LabStatus => {
  const world = fold(events);
  const completed: string[] = [];
  let current: string | undefined;
  let rejectedInARow = 0;
  let rejectedStep = '';
  let lastRejection: LabStatus['lastRejection'] = null;
  events.forEach((event, i) => {
    if (event.type === 'ProcedureStarted') current = event.data.procedure;
    if (event.type === 'ProcedureCompleted') {
      if (!completed.includes(event.data.procedure)) completed.push(event.data.procedure);
      current = event.data.procedure;
    }
    // An action the world accepted ends a run of rejections.
    if (isAcceptedInput(events, i)) [rejectedInARow, rejectedStep] = [0, ''];
    if (event.type === 'ActionRejected') {
      rejectedInARow = event.data.step === rejectedStep ? rejectedInARow + 1 : 1;
      rejectedStep = event.data.step;
      lastRejection = { step: event.data.step, code: String(event.data.rejection.code), message: event.data.rejection.reason };
    }
  });
  const definition = current ? findProcedure(current) : undefined;
  const snapshot = definition ? procedureSnapshot(definition, world) : undefined;
  const done = !snapshot || snapshot.status === 'done';
  const stepDefinition = definition && !done ? definition.steps.find((s) => s.id === currentStepOf(snapshot!)) : undefined;
  return {
    lab,
    events: events.length,
    procedure: definition ? { id: definition.id, title: definition.title, completed: done } : null,
    step: stepDefinition ? { id: stepDefinition.id, title: stepDefinition.title } : null,
    proceduresCompleted: completed,
    rejections: world.rejections.length,
    lastRejection,
    rejectedInARow,
    stuck: rejectedInARow >= 2,
    openFindings: evaluateFindings(world).map((f) => ({ id: f.id, severity: f.severity })),
    simulatedTime: world.now,
    lastActivity,
  };
};

/** One line a lab for a terminal. */
export const statusLine = (s: LabStatus, width: number): string => {
  const where = s.procedure ? `${s.procedure.id}${s.step ? ` › ${s.step.id}` : s.procedure.completed ? ' ✓' : ''}` : '(no procedure yet)';
  const stuck = s.stuck ? `  STUCK (${s.rejectedInARow} rejections in a row on ${s.lastRejection?.step})` : '';
  return `${s.lab.padEnd(width)}  ${where.padEnd(52)} ${String(s.rejections).padStart(3)} rej  ${String(s.openFindings.length).padStart(3)} findings  ${s.lastActivity}${stuck}`;
};
