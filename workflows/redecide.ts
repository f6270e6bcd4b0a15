import type { RecordedEvent } from '../domain/index.ts';
import { fold, isAcceptedInput } from '../projections/index.ts';
import { adminProcedure } from './actions/definition.ts';
import { takeAction } from './take-action.ts';
import { findProcedure } from './catalog.ts';
import { currentStepOf } from './kit/machine.ts';
import { procedureSnapshot } from './replay.ts';
import { startProcedure, takeStep, type Lab } from './engine.ts';
import type { LabPorts } from './ports.ts';

/** A what-if on a recorded input: take the step as skipped, or with another choice. */
export type WhatIf =
  | { readonly kind: 'skip'; readonly position: number }
  | { readonly kind: 'change'; readonly position: number; readonly choice: unknown };

export interface Redecision {
  readonly lab: Lab;
  /** The first position where the re-decided log differs from the recorded one, if it does. */
  readonly divergedAt?: number;
  /** Steps taken beyond the recording's inputs (see `redecide`). */
  readonly carried: readonly CarriedStep[];
}

const thumbprint = /\b[0-9A-F]{40}\b/g;

/**
 * Events in a form two runs can be compared in: signatures, DER and thumbprints come from fresh keys on
 * every run, so DER is dropped and thumbprints are numbered in order of first appearance.
 */
export const normalize = (events: readonly RecordedEvent[]): string[] => {
  const names = new Map<string, string>();
  return events.map((e) =>
    JSON.stringify(e, (key, value) => (key === 'der' || (key === 'certificate' && typeof value === 'string') ? undefined : value)).replace(
      thumbprint,
      (t) => {
        if (!names.has(t)) names.set(t, `T${names.size + 1}`);
        return names.get(t)!;
      },
    ),
  );
};

export const firstDivergence = (recorded: readonly RecordedEvent[], redecided: readonly RecordedEvent[]): number | undefined => {
  const a = normalize(recorded);
  const b = normalize(redecided);
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) if (a[i] !== b[i]) return i + 1;
  return undefined;
};

/** Whether the procedure waits at `step` in the lab. */
const atStep = (lab: Lab, procedure: string, step: string): boolean => {
  const snapshot = procedureSnapshot(findProcedure(procedure)!, lab.world);
  return snapshot !== undefined && currentStepOf(snapshot) === step;
};

/** A step taken after the recording's inputs ran out: an unfinished procedure carried forward with the seed's choices. */
export interface CarriedStep {
  readonly procedure: string;
  readonly step: string;
  readonly outcome: 'done' | 'skipped' | 'rejected';
}

/** The choice a what-if change makes: its fields laid over the recorded choice, as a scenario's over the seed's. */
const merged = (recorded: unknown, change: unknown): unknown =>
  recorded !== null && typeof recorded === 'object' && change !== null && typeof change === 'object' && !Array.isArray(change)
    ? { ...recorded, ...change }
    : change;

/** For each ProcedureStarted of the recording, whether that run of the procedure ended on a rejection (a run stops there). */
const stoppedRuns = (recorded: readonly RecordedEvent[]): Set<number> => {
  const stopped = new Set<number>();
  let start = -1;
  recorded.forEach((e, i) => {
    // An administrative action neither stops nor moves the procedure around it.
    if ((e.type === 'ActionTaken' || e.type === 'ActionRejected') && e.data.procedure === adminProcedure) return;
    if (e.type === 'ProcedureStarted') start = e.position;
    if (e.type === 'ProcedureCompleted') stopped.delete(start);
    if (e.type === 'ActionRejected') stopped.add(start);
    if (isAcceptedInput(recorded, i)) stopped.delete(start);
  });
  return stopped;
};

type RecordedInput = Extract<RecordedEvent, { type: 'ActionTaken' }>;

/** A re-decision under way: the lab so far, the procedure run now open, the recorded runs that stopped, the steps carried. */
interface Run {
  lab: Lab;
  open?: { readonly procedure: string; readonly start: number };
  readonly stopped: Set<number>;
  readonly carried: CarriedStep[];
}

/** Carries the open procedure forward with the seed's choices, if the recording left its run on a rejection. */
const carryForward = async (ports: LabPorts, run: Run): Promise<void> => {
  if (!run.open || !run.stopped.has(run.open.start)) return;
  const procedure = findProcedure(run.open.procedure)!;
  for (;;) {
    const snapshot = procedureSnapshot(procedure, run.lab.world);
    if (!snapshot || snapshot.status === 'done' || run.lab.events.at(-1)?.type === 'ActionRejected') return;
    const step = procedure.steps.find((s) => s.id === currentStepOf(snapshot))!;
    const choice = step.seedChoice(snapshot.context);
    const taken = await takeStep(ports, run.lab, procedure.id, step.id, choice);
    run.lab = taken.lab;
    run.carried.push({
      procedure: procedure.id,
      step: step.id,
      outcome: taken.outcome.ok ? (choice === null ? 'skipped' : 'done') : 'rejected',
    });
  }
};

/** The choice an administrative action is decided again with; none when a what-if drops it (it stands alone). */
const adminChoice = (event: RecordedInput, whatIf?: WhatIf): { readonly choice: unknown } | undefined => {
  if (whatIf?.position !== event.position) return { choice: event.data.choice };
  return whatIf.kind === 'skip' ? undefined : { choice: merged(event.data.choice, whatIf.choice) };
};

/**
 * The choice a recorded step is taken again with; none when a what-if skips a step that cannot be skipped,
 * or when a later recorded retry finds its procedure no longer waiting at that step.
 */
const stepChoice = (lab: Lab, event: RecordedInput, whatIf?: WhatIf): { readonly choice: unknown } | undefined => {
  const { procedure, step, choice } = event.data;
  if (whatIf?.position === event.position) {
    if (whatIf.kind === 'change') return { choice: merged(choice, whatIf.choice) };
    return findProcedure(procedure)?.steps.find((s) => s.id === step)?.skippable ? { choice: null } : undefined;
  }
  if (whatIf && event.position > whatIf.position && !atStep(lab, procedure, step)) return undefined;
  return { choice };
};

/** Decides one recorded input again (an administrative action or a procedure's step), unless the what-if drops it. */
const retake = async (ports: LabPorts, run: Run, event: RecordedInput, whatIf?: WhatIf): Promise<void> => {
  const { procedure, step } = event.data;
  if (procedure === adminProcedure) {
    const decided = adminChoice(event, whatIf);
    if (decided) run.lab = (await takeAction(ports, run.lab, step, decided.choice)).lab;
    return;
  }
  const decided = stepChoice(run.lab, event, whatIf);
  if (decided) run.lab = (await takeStep(ports, run.lab, procedure, step, decided.choice)).lab;
};

/**
 * Decides a recorded log again: the lab's creation is kept, then every recorded input (procedure
 * started, step taken) is decided anew against the world as it now unfolds, so a changed step changes
 * what the later steps decide. Outcomes in the recording are not copied; they are produced again.
 * With a what-if, a procedure the recording left on a rejection is carried forward, as a scenario run
 * would go on, with the seed's choices for its remaining steps (until it completes or is rejected), and
 * a recorded retry of a step the what-if already got past is dropped.
 */
export const redecide = async (ports: LabPorts, recorded: readonly RecordedEvent[], whatIf?: WhatIf, id = 'lab'): Promise<Redecision> => {
  const firstInput = recorded.findIndex((e) => e.type === 'ProcedureStarted' || e.type === 'ActionTaken');
  const prefix = firstInput === -1 ? recorded : recorded.slice(0, firstInput);
  await ports.events.append(
    id,
    prefix.map(({ position: _, ...e }) => e as never),
    0,
  );
  const run: Run = { lab: { id, events: prefix, world: fold(prefix) }, stopped: whatIf ? stoppedRuns(recorded) : new Set(), carried: [] };
  for (const event of recorded.slice(prefix.length)) {
    if (event.type === 'ProcedureStarted') {
      await carryForward(ports, run);
      run.lab = await startProcedure(ports, run.lab, event.data.procedure);
      run.open = { procedure: event.data.procedure, start: event.position };
    }
    if (event.type === 'ActionTaken') await retake(ports, run, event, whatIf);
  }
  await carryForward(ports, run);
  return { lab: run.lab, divergedAt: firstDivergence(recorded, run.lab.events), carried: run.carried };
};
