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
  let lab: Lab = { id, events: prefix, world: fold(prefix) };
  const stopped = whatIf ? stoppedRuns(recorded) : new Set<number>();
  const carried: CarriedStep[] = [];
  let open: { procedure: string; start: number } | undefined;
  const carryForward = async () => {
    if (!open || !stopped.has(open.start)) return;
    const procedure = findProcedure(open.procedure)!;
    for (;;) {
      const snapshot = procedureSnapshot(procedure, lab.world);
      if (!snapshot || snapshot.status === 'done' || lab.events.at(-1)?.type === 'ActionRejected') return;
      const step = procedure.steps.find((s) => s.id === currentStepOf(snapshot))!;
      const choice = step.seedChoice(snapshot.context);
      const taken = await takeStep(ports, lab, procedure.id, step.id, choice);
      lab = taken.lab;
      carried.push({
        procedure: procedure.id,
        step: step.id,
        outcome: taken.outcome.ok ? (choice === null ? 'skipped' : 'done') : 'rejected',
      });
    }
  };
  for (const event of recorded.slice(prefix.length)) {
    if (event.type === 'ProcedureStarted') {
      await carryForward();
      lab = await startProcedure(ports, lab, event.data.procedure);
      open = { procedure: event.data.procedure, start: event.position };
    }
    if (event.type !== 'ActionTaken') continue;
    const { procedure, step } = event.data;
    let choice = event.data.choice;
    if (procedure === adminProcedure) {
      // An administrative action stands alone: a what-if may change or drop it; it is decided again either way.
      if (whatIf?.position === event.position && whatIf.kind === 'skip') continue;
      if (whatIf?.position === event.position && whatIf.kind === 'change') choice = merged(choice, whatIf.choice);
      lab = (await takeAction(ports, lab, step, choice)).lab;
      continue;
    }
    if (whatIf?.position === event.position) {
      if (whatIf.kind === 'change') choice = merged(choice, whatIf.choice);
      else if (findProcedure(procedure)?.steps.find((s) => s.id === step)?.skippable) choice = null;
      else continue;
    } else if (whatIf && event.position > whatIf.position && !atStep(lab, procedure, step)) continue;
    lab = (await takeStep(ports, lab, procedure, step, choice)).lab;
  }
  await carryForward();
  return { lab, divergedAt: firstDivergence(recorded, lab.events), carried };
};
