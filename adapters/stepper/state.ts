import type { Finding } from '../../domain/index.ts';
import { isEventStoreError, openLab, procedures, type Lab, type ProcedureDefinition } from '../../workflows/index.ts';
import type { LabWriter } from '../lab-files.ts';
import { StepperError } from './errors.ts';
import type { StepperOptions } from './open.ts';
import { ensureStarted, type StepResult } from './session.ts';
import type { Resolution, StepperState } from './view.ts';

/** What a stepping session holds between two calls; the stepper's operations read and change it. */
export interface Session {
  writer: LabWriter;
  lab: Lab;
  procedure: ProcedureDefinition | undefined;
  last: StepResult | undefined;
  /** Findings resolved in the session, newest first (the last eight). */
  resolved: Resolution[];
  /** How many of `resolved` the last step or action resolved. */
  latest: number;
  message: string;
  readonly quiz: boolean;
  readonly options: StepperOptions;
}

/** What every view is derived from. */
export const stateOf = (s: Session): StepperState => ({
  folder: s.writer.folder,
  lab: s.lab,
  procedure: s.procedure,
  quiz: s.quiz,
  last: s.last,
  message: s.message,
  resolved: s.resolved,
  latest: s.latest,
});

export const unknownProcedure = (id: string) =>
  new StepperError('STEPPER_UNKNOWN_PROCEDURE', `unknown procedure "${id}"; expected one of ${procedures.map((p) => p.id).join(', ')}`);

/** Starts the procedure unless it runs; when another writer appended first (a team on one lab), reads the lab again. */
export const startIn = async (s: Session, chosen: ProcedureDefinition): Promise<void> => {
  const { ports, folder } = s.writer;
  try {
    s.lab = await ensureStarted(ports, s.lab, chosen);
  } catch (error) {
    if (!isEventStoreError(error, 'EVENTSTORE_VERSION_CONFLICT')) throw error;
    s.lab = await ensureStarted(ports, await openLab(ports, folder.labId), chosen);
  }
};

/** A new place in the lab's history (or a new lab): nothing of the last step or resolved findings carries over. */
export const forgetResults = (s: Session): void => {
  s.last = undefined;
  s.resolved = [];
  s.latest = 0;
};

/** Notes the findings a step or action made go, before the earlier ones. */
export const noteResolved = (s: Session, gone: readonly Finding[], by: string): void => {
  s.resolved = [...gone.map((finding) => ({ finding, by })), ...s.resolved].slice(0, 8);
  s.latest = gone.length;
};

/** Lets go of the lab the session writes and takes `next` (already open) instead. */
export const switchWriter = async (s: Session, next: LabWriter, lab: Lab): Promise<void> => {
  await s.writer.release();
  s.writer = next;
  s.lab = lab;
};
