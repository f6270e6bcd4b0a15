import * as assert from 'uvu/assert';
import type { RecordedEvent } from '../../domain/index.ts';
import {
  findProcedure,
  resolveChoices,
  startProcedure,
  takeStep,
  type Lab,
  type LabPorts,
  type ProcedureDefinition,
  type StepOverride,
} from '../../workflows/index.ts';

import { freshLab, pooledPorts } from './ports.ts';

/** What stands before the step: procedures completed the seed's way, then this one walked up to a step. */
export interface Given {
  /** Procedures completed first, the seed's way (the groups and templates this one relies on). */
  readonly after?: readonly string[];
  /** The step the procedure has reached (its earlier steps taken); none: only started, at its first step. */
  readonly at?: string;
  /** Choices laid over the seed's for the earlier steps, or 'skip', as a scenario writes them. */
  readonly choices?: Readonly<Record<string, StepOverride>>;
}

/** An event the step must record: its type, and the fields its data must have (a subset, as emmett matches). */
export interface Expected {
  readonly type: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

const walk = async (ports: LabPorts, start: Lab, procedure: ProcedureDefinition, until?: string, choices = {}): Promise<Lab> => {
  let lab = await startProcedure(ports, start, procedure.id);
  for (const { step, choice } of resolveChoices(procedure, choices)) {
    if (step === until) break;
    const taken = await takeStep(ports, lab, procedure.id, step, choice);
    assert.ok(taken.outcome.ok, `given: ${procedure.id} › ${step} was rejected: ${taken.outcome.ok ? '' : taken.outcome.rejection.reason}`);
    lab = taken.lab;
  }
  return lab;
};

const subset = (actual: unknown, expected: unknown, path: string): void => {
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) return assert.equal(actual, expected, path);
  for (const [key, value] of Object.entries(expected))
    subset((actual as Record<string, unknown> | undefined)?.[key], value, `${path}.${key}`);
};

/** The choice `when` takes: the seed's with the fields of `override` laid over it, as a scenario does; null leaves the step out. */
const choiceAt = (procedure: ProcedureDefinition, step: string, history: Given, override: StepOverride | null | undefined) =>
  override === null ? null : resolveChoices(procedure, { ...history.choices, [step]: override ?? {} }).find((s) => s.step === step)!.choice;

/**
 * Given/when/then over one procedure, after emmett's DeciderSpecification: given the lab's history (in
 * words: procedures done, the step reached), when a person takes one step (the seed's choice, with an
 * override's fields laid over it; null leaves it out), then the events it records after its input, or the
 * rejection it meets.
 */
export const procedureSpec = (id: string) => {
  const procedure = findProcedure(id)!;
  return (history: Given = {}) => ({
    when: (step: string, override?: StepOverride | null) => {
      const taking = async () => {
        const { ports, lab: created } = await freshLab(await pooledPorts());
        let lab = created;
        for (const other of history.after ?? []) lab = await walk(ports, lab, findProcedure(other)!);
        lab = await walk(ports, lab, procedure, history.at ?? procedure.steps[0]!.id, history.choices);
        const taken = await takeStep(ports, lab, procedure.id, step, choiceAt(procedure, step, history, override));
        return { lab: taken.lab, outcome: taken.outcome };
      };
      return {
        /** The step is accepted and records exactly these events after its input (plus ProcedureCompleted when it ends the procedure). */
        thenEvents: async (expected: readonly Expected[]): Promise<Lab> => {
          const { lab, outcome } = await taking();
          assert.ok(outcome.ok, `${step} was rejected: ${outcome.ok ? '' : outcome.rejection.reason}`);
          const events = outcome.events
            .slice(outcome.events.findIndex((e) => e.type === 'ActionTaken') + 1)
            .filter((e: RecordedEvent) => e.type !== 'ProcedureCompleted');
          assert.equal(
            events.map((e) => e.type),
            expected.map((e) => e.type),
            `${step}: the events recorded`,
          );
          expected.forEach((e, i) => subset(events[i]!.data, e.data ?? {}, `${e.type}.data`));
          return lab;
        },
        /** The step is refused with this error name or code (and a reason matching `reason`); its input is recorded with the rejection. */
        thenRejected: async (name: string, reason?: RegExp): Promise<Lab> => {
          const { lab, outcome } = await taking();
          assert.ok(!outcome.ok, `${step} was accepted`);
          if (outcome.ok) return lab;
          assert.ok(
            [outcome.rejection.name, outcome.rejection.code].includes(name),
            `${outcome.rejection.name} ${outcome.rejection.code}: ${outcome.rejection.reason}`,
          );
          if (reason) assert.match(outcome.rejection.reason, reason);
          assert.equal(
            outcome.events.slice(-2).map((e) => e.type),
            ['ActionTaken', 'ActionRejected'],
          );
          return lab;
        },
      };
    },
  });
};

/** The IIS web server procedure's steps in the seed's order, as the CLI lists them and the stepper walks them. */
export const iisWebServerSteps = [
  'create-group',
  'duplicate-template',
  'name-template',
  'subject-name',
  'security',
  'issue-template',
  'restart',
  'request-certificate',
  'bind',
  'site-system',
  'verify',
] as const;
