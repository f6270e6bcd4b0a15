import type { SimTime } from '../domain/index.ts';
import { findAction } from './actions/catalog.ts';
import { adminProcedure } from './actions/definition.ts';
import { takeAction } from './take-action.ts';
import { findProcedure } from './catalog.ts';
import { ChoiceError, didYouMean } from './kit/choices.ts';
import { startProcedure, takeStep, type Lab } from './engine.ts';
import { checkExpectations, type ExpectationResult } from './expectations.ts';
import type { LabPorts } from './ports.ts';
import type { ProcedureDefinition } from './kit/procedure.ts';
import type { Rejection } from '../domain/index.ts';
import type { Scenario, StepOverride } from './scenario.ts';

export interface ResolvedStep {
  readonly step: string;
  readonly choice: unknown | null;
}

/**
 * The choice of every step: the seed's, with the scenario's fields laid over it, or null for a skip.
 * Throws ChoiceError with a path `steps.<step>.<field>` when an override is not a valid choice.
 */
export const resolveChoices = (procedure: ProcedureDefinition, overrides: Readonly<Record<string, StepOverride>>): ResolvedStep[] => {
  const ids = procedure.steps.map((s) => s.id);
  const unknown = Object.keys(overrides).find((id) => !ids.includes(id));
  const detail = { hint: didYouMean(unknown, ids), unknown: 'step' };
  if (unknown) throw new ChoiceError(`steps.${unknown}`, `a step of ${procedure.id} (${ids.join(', ')})`, unknown, detail);
  const choices: Record<string, unknown> = {};
  return procedure.steps.map((step) => {
    const override = overrides[step.id];
    if (override === 'skip') {
      if (!step.skippable) throw new ChoiceError(`steps.${step.id}`, 'a choice (this step cannot be skipped)', 'skip');
      choices[step.id] = null;
      return { step: step.id, choice: null };
    }
    const choice = step.parse({ ...(step.seedChoice({ choices }) as object), ...(override ?? {}) }, `steps.${step.id}`);
    choices[step.id] = choice;
    return { step: step.id, choice };
  });
};

export interface StepReport {
  readonly procedure: string;
  readonly step: string;
  readonly title: string;
  readonly outcome: 'done' | 'skipped' | 'rejected' | 'not-reached';
  readonly at?: SimTime;
  readonly rejection?: Rejection;
}

export interface ScenarioRun {
  readonly lab: Lab;
  readonly steps: readonly StepReport[];
  readonly expectations: readonly ExpectationResult[];
  readonly ok: boolean;
}

/**
 * Runs a scenario's procedures and actions in order on an existing lab; a rejected step ends its procedure,
 * a rejected action only itself.
 */
export const runScenario = async (
  ports: LabPorts,
  start: Lab,
  scenario: Scenario,
  onStep: (report: StepReport) => void = () => undefined,
): Promise<ScenarioRun> => {
  let lab = start;
  const steps: StepReport[] = [];
  const report = (r: StepReport) => {
    steps.push(r);
    onStep(r);
  };
  for (const entry of scenario.procedures) {
    if ('actions' in entry) {
      for (const { action, choice } of entry.actions) {
        const taken = await takeAction(ports, lab, action, choice);
        lab = taken.lab;
        const title = findAction(action)!.title;
        const base = { procedure: adminProcedure, step: action, title, at: lab.world.now };
        report(taken.outcome.ok ? { ...base, outcome: 'done' } : { ...base, outcome: 'rejected', rejection: taken.outcome.rejection });
      }
      continue;
    }
    const procedure = findProcedure(entry.procedure)!;
    const resolved = resolveChoices(procedure, entry.steps);
    lab = await startProcedure(ports, lab, procedure.id);
    let stopped = false;
    for (const { step, choice } of resolved) {
      const title = procedure.steps.find((s) => s.id === step)!.title;
      if (stopped) {
        report({ procedure: procedure.id, step, title, outcome: 'not-reached' });
        continue;
      }
      const taken = await takeStep(ports, lab, procedure.id, step, choice);
      lab = taken.lab;
      const at = lab.world.now;
      if (step === entry.until) stopped = true;
      if (taken.outcome.ok) report({ procedure: procedure.id, step, title, at, outcome: choice === null ? 'skipped' : 'done' });
      else {
        report({ procedure: procedure.id, step, title, at, outcome: 'rejected', rejection: taken.outcome.rejection });
        stopped = true;
      }
    }
  }
  const expectations = checkExpectations(lab.world, scenario.expect);
  return { lab, steps, expectations, ok: expectations.every((e) => e.ok) };
};
