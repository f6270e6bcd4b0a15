import { evaluateFindings, type Finding } from '../../domain/index.ts';
import { acceptedInputs } from '../../projections/index.ts';
import { procedures, type Lab, type ProcedureDefinition } from '../../workflows/index.ts';
import type { LabFolder } from '../lab-files.ts';
import { procedureStatus, type ProcedureStatus } from './prerequisites.ts';
import { procedureScope } from './explain.ts';
import { checklist, currentStep, optionsFor, type Checklist, type StepOption, type StepResult } from './session.ts';
import { choiceLine } from './words.ts';
import { worldTab, worldTabs, type WorldTab } from './world-panel.ts';

/** A finding the session saw go away, and the step or action that made it go. */
export interface Resolution {
  readonly finding: Finding;
  readonly by: string;
}

/** An earlier input of the lab, to go back to in one action. */
interface EarlierInput {
  readonly position: number;
  readonly label: string;
}

/** Everything a stepping interface shows, derived from the lab at this moment. */
export interface StepperView {
  readonly folder: LabFolder;
  readonly lab: Lab;
  readonly procedure?: ProcedureDefinition;
  readonly checklist?: Checklist;
  readonly stepTitle?: string;
  readonly purpose?: string;
  readonly seed?: string;
  readonly options: readonly StepOption[];
  /** The world panel, tab by tab. */
  readonly world: Readonly<Record<WorldTab, readonly string[]>>;
  /** Findings above informational open at this position; `fresh` are the ids the last action brought. */
  readonly findings: {
    readonly open: readonly Finding[];
    readonly fresh: readonly string[];
    /** Resolved by the last step or action, then earlier in the session. */
    readonly resolved: readonly Resolution[];
    readonly earlier: readonly Resolution[];
  };
  readonly procedures: readonly { readonly procedure: ProcedureDefinition; readonly status: ProcedureStatus }[];
  readonly inputs: readonly EarlierInput[];
  readonly quiz: boolean;
  readonly last?: StepResult;
  readonly message?: string;
}

/** Findings above informational: the ones the panel keeps. */
export const open = (world: Lab['world']) => evaluateFindings(world).filter((f) => f.severity !== 'info');

/** What the stepper holds, from which every view is derived. */
export interface StepperState {
  readonly folder: LabFolder;
  readonly lab: Lab;
  readonly procedure?: ProcedureDefinition | undefined;
  readonly quiz: boolean;
  readonly last?: StepResult | undefined;
  readonly message?: string | undefined;
  readonly resolved: readonly Resolution[];
  /** How many of `resolved` the last step or action resolved. */
  readonly latest: number;
}

/** Everything a stepping interface shows, derived from the lab at this moment. */
export const viewOf = ({ folder, lab, procedure, quiz, last, message, resolved, latest }: StepperState): StepperView => {
  const scope = procedure ? procedureScope(lab, procedure) : { hosts: [] };
  const world = Object.fromEntries(worldTabs.map((tab) => [tab, worldTab(lab.world, tab, scope.template, scope.hosts)])) as Record<
    WorldTab,
    string[]
  >;
  const inputs = acceptedInputs(lab.events).map((e) => ({ position: e.position, label: `${e.data.step}: ${choiceLine(e.data.choice)}` }));
  const base = {
    folder,
    lab,
    world,
    inputs,
    quiz,
    options: [] as StepOption[],
    ...(last ? { last } : {}),
    ...(message ? { message } : {}),
    findings: {
      open: open(lab.world),
      fresh: last?.newFindings.map((f) => f.id) ?? [],
      resolved: resolved.slice(0, latest),
      earlier: resolved.slice(latest),
    },
    procedures: procedures.map((p) => ({ procedure: p, status: procedureStatus(lab.world, p) })),
  };
  if (!procedure) return base;
  const step = currentStep(lab, procedure);
  return {
    ...base,
    procedure,
    checklist: checklist(lab, procedure),
    ...(step ? { stepTitle: step.title, purpose: step.purpose, seed: step.seed, options: optionsFor(lab, procedure, step) } : {}),
  };
};
