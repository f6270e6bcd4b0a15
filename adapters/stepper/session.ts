import {
  decide,
  evaluateFindings,
  timed,
  type Finding,
  type LabCommand,
  type RecordedEvent,
  type Rejection,
  type World,
} from '../../domain/index.ts';
import { lastValueFrom, of } from 'rxjs';
import { diffWorlds, fold, progress, worlds, type Change } from '../../projections/index.ts';
import {
  currentStepOf,
  findProcedure,
  procedureSnapshot,
  startProcedure,
  takeStep,
  type Lab,
  type LabPorts,
  type ProcedureDefinition,
  type StepDefinition,
} from '../../workflows/index.ts';
import { choiceFields, choiceLine, type Field } from './words.ts';
import { gpos } from './world-panel.ts';

/** One thing the person can do at a step, as the dialog presents it. */
export interface StepOption {
  readonly label: string;
  /** The choice on one line, in the dialog's words. */
  readonly detail: string;
  /** Each field of the choice with its dialog label, for the detail pane. */
  readonly fields: readonly Field[];
  /** The choice to take, or null to leave the step out. */
  readonly choice: unknown | null;
  readonly seed: boolean;
}

/** What the last action did: the world's changes, a rejection, findings that appeared and those it resolved. */
export interface StepResult {
  readonly step: string;
  readonly title: string;
  readonly leftOut: boolean;
  readonly changes: readonly Change[];
  readonly rejection?: Rejection;
  readonly newFindings: readonly Finding[];
  readonly resolved: readonly Finding[];
  /** What the step left as it was, when it changed nothing visible (a GPO setting left Not configured). */
  readonly unchanged?: readonly string[];
  /** In quiz mode, after a choice other than the seed's: what the seed does, and why. */
  readonly quiz?: readonly string[];
}

/** The choices already made in this procedure: the machine's context, kept with the folded world. */
export const choicesOf = (lab: Lab, procedure: string): Readonly<Record<string, unknown>> => {
  const definition = findProcedure(procedure);
  return (definition && procedureSnapshot(definition, lab.world)?.context.choices) ?? {};
};

export interface Checklist {
  readonly done: readonly string[];
  readonly skipped: readonly string[];
  readonly current?: string;
  readonly upcoming: readonly string[];
}

/** Where the procedure stands: steps done, the current one, those to come. */
export const checklist = (lab: Lab, procedure: ProcedureDefinition): Checklist => {
  const snapshot = procedureSnapshot(procedure, lab.world);
  const ids = procedure.steps.map((s) => s.id);
  if (!snapshot) return { done: [], skipped: [], upcoming: ids };
  const skipped = Object.entries(snapshot.context.choices)
    .filter(([, c]) => c === null)
    .map(([id]) => id);
  if (snapshot.status === 'done') return { done: ids, skipped, upcoming: [] };
  const index = ids.indexOf(currentStepOf(snapshot));
  return { done: ids.slice(0, index), skipped, current: ids[index], upcoming: ids.slice(index + 1) };
};

export const currentStep = (lab: Lab, procedure: ProcedureDefinition): StepDefinition | undefined => {
  const { current } = checklist(lab, procedure);
  return procedure.steps.find((s) => s.id === current);
};

/**
 * What an option does to the world, to tell options apart by effect and not by spelling: its commands decided
 * on the current world (pure, no signing), as the changes an administrator would see. Commands that need a
 * signature or a file, or are refused, are told apart by the commands themselves.
 */
const effectOf = (world: World, commands: readonly LabCommand[]): string | undefined => {
  // A step whose dialog only records its choice for a later step (the template version) has no effect of its own yet.
  if (commands.length === 0) return undefined;
  let current = world;
  for (const command of commands) {
    const decision = decide(timed(command, world.now), current);
    if (decision.kind !== 'accepted') return `${decision.kind}:${JSON.stringify(commands)}`;
    current = fold(
      decision.events.map((e, i) => ({ ...e, position: current.position + i + 1, at: world.now }) as RecordedEvent),
      current,
      { provenance: false },
    );
  }
  return diffWorlds(world, current, { findings: false })
    .map((c) => c.text)
    .sort()
    .join('\n');
};

/**
 * Every choice the step's dialog offers: the seed's, the other ones, and leaving the step out. An option whose
 * effect on this world is the seed's or an earlier option's is not offered again (a group the seed already lets enroll).
 */
export const optionsFor = (lab: Lab, procedure: ProcedureDefinition, step: StepDefinition): StepOption[] => {
  const context = { choices: choicesOf(lab, procedure.id) };
  const seed = step.seedChoice(context);
  const effect = (choice: unknown) => {
    try {
      return effectOf(lab.world, step.commands(step.parse(choice, step.id), context));
    } catch {
      return `choice:${JSON.stringify(choice)}`;
    }
  };
  const keysOf = (choice: unknown) => [JSON.stringify(choice), effect(choice) ?? JSON.stringify(choice)];
  const seen = new Set(keysOf(seed));
  const others = [...(step.variants?.(context) ?? []), ...(step.dialog?.(context) ?? [])].filter((v) => {
    const keys = keysOf(v.choice);
    if (keys.some((k) => seen.has(k))) return false;
    keys.forEach((k) => seen.add(k));
    return true;
  });
  const option = (label: string, choice: unknown, isSeed: boolean): StepOption => ({
    label,
    detail: choiceLine(choice),
    fields: choiceFields(choice),
    choice,
    seed: isSeed,
  });
  return [
    option('As the seed does it', seed, true),
    ...others.map((v) => option(v.label, v.choice, false)),
    ...(step.skippable
      ? [
          {
            label: 'Leave this step out',
            detail: 'nothing is done here; later steps meet the world as it is',
            fields: [],
            choice: null,
            seed: false,
          },
        ]
      : []),
  ];
};

/** Starts the procedure in the lab unless it is already under way. */
export const ensureStarted = async (ports: LabPorts, lab: Lab, procedure: ProcedureDefinition): Promise<Lab> => {
  const snapshot = procedureSnapshot(procedure, lab.world);
  return snapshot && snapshot.status !== 'done' ? lab : startProcedure(ports, lab, procedure.id);
};

const above = (world: World) => evaluateFindings(world).filter((f) => f.severity !== 'info');

/** The option taken at a procedure's step; in a quiz, a choice other than the seed's is told what the seed does and why. */
interface TakenOption {
  readonly procedure: ProcedureDefinition;
  readonly step: StepDefinition;
  readonly option: StepOption;
  readonly quiz?: boolean;
}

/** Takes the option; returns the new lab and what it changed, the findings it brought and those it resolved. */
export const takeOption = async (
  ports: LabPorts,
  lab: Lab,
  { procedure, step, option, quiz = false }: TakenOption,
): Promise<{ lab: Lab; result: StepResult }> => {
  const before = lab.world;
  const taken = await takeStep(ports, lab, procedure.id, step.id, option.choice);
  // The live view of the lab: the step's events folded onto the world before it, with what they changed.
  const { changes, newFindings } = await lastValueFrom(of(taken.outcome.events).pipe(worlds(before), progress(before)));
  const now = above(taken.lab.world).map((f) => f.id);
  const resolved = above(before).filter((f) => !now.includes(f.id));
  const context = { choices: choicesOf(lab, procedure.id) };
  const explained =
    quiz && !option.seed ? [`The seed's choice: ${choiceLine(step.seedChoice(context))}`, `Why: ${step.purpose}`] : undefined;
  return {
    lab: taken.lab,
    result: {
      step: step.id,
      title: step.title,
      leftOut: option.choice === null && taken.outcome.ok,
      changes,
      newFindings: newFindings.filter((f) => f.severity !== 'info'),
      resolved,
      ...(changes.length === 0 && /autoenrollment|gpo/.test(step.id) ? { unchanged: gpos(taken.lab.world) } : {}),
      ...(taken.outcome.ok ? {} : { rejection: taken.outcome.rejection }),
      ...(explained ? { quiz: explained } : {}),
    },
  };
};
