import type { RecordedEvent } from '../domain/index.ts';
import { fold } from '../projections/index.ts';
import { findProcedure } from './catalog.ts';
import { startProcedure, takeStep, type Lab } from './engine.ts';
import type { LabPorts } from './ports.ts';

/** A what-if on a recorded input: take the step as skipped, or with another choice. */
export type WhatIf = { readonly kind: 'skip'; readonly position: number } | { readonly kind: 'change'; readonly position: number; readonly choice: unknown };

export interface Redecision {
  readonly lab: Lab;
  /** The first position where the re-decided log differs from the recorded one, if it does. */
  readonly divergedAt?: number;
}

const thumbprint = /\b[0-9A-F]{40}\b/g;

/**
 * Events in a form two runs can be compared in: signatures, DER and thumbprints come from fresh keys on
 * every run, so DER is dropped and thumbprints are numbered in order of first appearance.
 */
export const normalize = (events: readonly RecordedEvent[]): string[] => {
  const names = new Map<string, string>();
  return events.map((e) =>
    JSON.stringify(e, (key, value) => (key === 'der' || key === 'certificate' && typeof value === 'string' ? undefined : value)).replace(thumbprint, (t) => {
      if (!names.has(t)) names.set(t, `T${names.size + 1}`);
      return names.get(t)!;
    }),
  );
};

export const firstDivergence = (recorded: readonly RecordedEvent[], redecided: readonly RecordedEvent[]): number | undefined => {
  const a = normalize(recorded);
  const b = normalize(redecided);
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) if (a[i] !== b[i]) return i + 1;
  return undefined;
};

/**
 * Decides a recorded log again: the lab's creation is kept, then every recorded input (procedure
 * started, step taken) is decided anew against the world as it now unfolds, so a changed step changes
 * what the later steps decide. Outcomes in the recording are not copied; they are produced again.
 */
export const redecide = async (ports: LabPorts, recorded: readonly RecordedEvent[], whatIf?: WhatIf, id = 'lab'): Promise<Redecision> => {
  const firstInput = recorded.findIndex((e) => e.type === 'ProcedureStarted');
  const prefix = firstInput === -1 ? recorded : recorded.slice(0, firstInput);
  await ports.events.append(id, prefix.map(({ position: _, ...e }) => e as never), 0);
  let lab: Lab = { id, events: prefix, world: fold(prefix) };
  for (const event of recorded.slice(prefix.length)) {
    if (event.type === 'ProcedureStarted') lab = await startProcedure(ports, lab, event.data.procedure);
    if (event.type !== 'ActionTaken') continue;
    const { procedure, step } = event.data;
    let choice = event.data.choice;
    if (whatIf?.position === event.position) {
      if (whatIf.kind === 'change') choice = whatIf.choice;
      else if (findProcedure(procedure)?.steps.find((s) => s.id === step)?.skippable) choice = null;
      else continue;
    }
    lab = (await takeStep(ports, lab, procedure, step, choice)).lab;
  }
  return { lab, divergedAt: firstDivergence(recorded, lab.events) };
};
