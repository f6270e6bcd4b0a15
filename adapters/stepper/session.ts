import { evaluateFindings, findTemplate, type Finding, type Rejection, type World } from '../../domain/index.ts';
import { lastValueFrom, of } from 'rxjs';
import { progress, worlds, type Change } from '../../projections/index.ts';
import { findProcedure, procedureSnapshot, startProcedure, takeStep, type Lab, type LabPorts, type ProcedureDefinition, type StepDefinition } from '../../workflows/index.ts';
import { offeredTemplates } from './wizard.ts';

/** One thing the person can do at a step, as the dialog presents it. */
export interface StepOption {
  readonly label: string;
  readonly detail: string;
  /** The choice to take, or null to leave the step out. */
  readonly choice: unknown | null;
  readonly seed: boolean;
}

/** What the last action did: the world's changes, a rejection, findings that appeared. */
export interface StepResult {
  readonly step: string;
  readonly changes: readonly Change[];
  readonly rejection?: Rejection;
  readonly newFindings: readonly Finding[];
}

export const describeChoice = (choice: unknown): string =>
  choice === null ? 'leave this step out' : Object.entries(choice as Record<string, unknown>).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; ');

/** The choices already made in this procedure, as the machine's context holds them. */
export const choicesOf = (lab: Lab, procedure: string): Record<string, unknown> => {
  const choices: Record<string, unknown> = {};
  lab.events.forEach((e, i) => {
    if (e.type === 'ProcedureStarted' && e.data.procedure === procedure) for (const k of Object.keys(choices)) delete choices[k];
    if (e.type === 'ActionTaken' && e.data.procedure === procedure && lab.events[i + 1]?.type !== 'ActionRejected') choices[e.data.step] = e.data.choice;
  });
  return choices;
};

export interface Checklist { readonly done: readonly string[]; readonly skipped: readonly string[]; readonly current?: string; readonly upcoming: readonly string[] }

/** Where the procedure stands: steps done, the current one, those to come. */
export const checklist = (lab: Lab, procedure: ProcedureDefinition): Checklist => {
  const snapshot = procedureSnapshot(procedure, lab.events);
  const ids = procedure.steps.map((s) => s.id);
  if (!snapshot) return { done: [], skipped: [], upcoming: ids };
  const skipped = Object.entries(snapshot.context.choices).filter(([, c]) => c === null).map(([id]) => id);
  if (snapshot.status === 'done') return { done: ids, skipped, upcoming: [] };
  const index = ids.indexOf(String(snapshot.value));
  return { done: ids.slice(0, index), skipped, current: ids[index], upcoming: ids.slice(index + 1) };
};

export const currentStep = (lab: Lab, procedure: ProcedureDefinition): StepDefinition | undefined => {
  const { current } = checklist(lab, procedure);
  return procedure.steps.find((s) => s.id === current);
};

/** Every choice the step's dialog offers: the seed's, the wrong ones, and leaving the step out. */
export const optionsFor = (lab: Lab, procedure: ProcedureDefinition, step: StepDefinition): StepOption[] => {
  const context = { choices: choicesOf(lab, procedure.id) };
  const seed = step.seedChoice(context);
  return [
    { label: 'As the seed does it', detail: describeChoice(seed), choice: seed, seed: true },
    ...[...(step.variants?.(context) ?? []), ...(step.dialog?.(context) ?? [])]
      .filter((v, i, all) => JSON.stringify(v.choice) !== JSON.stringify(seed) && all.findIndex((w) => JSON.stringify(w.choice) === JSON.stringify(v.choice)) === i)
      .map((v) => ({ label: v.label, detail: describeChoice(v.choice), choice: v.choice, seed: false })),
    ...(step.skippable ? [{ label: 'Leave this step out', detail: 'nothing is done here; later steps meet the world as it is', choice: null, seed: false }] : []),
  ];
};

/** Starts the procedure in the lab unless it is already under way. */
export const ensureStarted = async (ports: LabPorts, lab: Lab, procedure: ProcedureDefinition): Promise<Lab> => {
  const snapshot = procedureSnapshot(procedure, lab.events);
  return snapshot && snapshot.status !== 'done' ? lab : startProcedure(ports, lab, procedure.id);
};

/** Takes the option; returns the new lab and what it changed. */
export const takeOption = async (ports: LabPorts, lab: Lab, procedure: ProcedureDefinition, step: StepDefinition, option: StepOption): Promise<{ lab: Lab; result: StepResult }> => {
  const before = lab.world;
  const taken = await takeStep(ports, lab, procedure.id, step.id, option.choice);
  // The live view of the lab: the step's events folded onto the world before it, with what they changed.
  const { changes, newFindings } = await lastValueFrom(of(taken.outcome.events).pipe(worlds(before), progress(before)));
  return {
    lab: taken.lab,
    result: { step: step.id, changes, ...(taken.outcome.ok ? {} : { rejection: taken.outcome.rejection }), newFindings },
  };
};

/** The part of the world the procedure touches: its template, what the CA issues, the stores and bindings of its computers. */
export const touchedWorld = (lab: Lab, procedure: ProcedureDefinition): string[] => {
  const world = lab.world;
  const choices = choicesOf(lab, procedure.id);
  const template = findTemplate(world.ca, String((choices['name-template'] as { displayName?: string } | undefined)?.displayName ?? ''));
  const hosts = [...new Set(procedure.steps.map((s) => (s.seedChoice({ choices }) as { computer?: string } | null)?.computer).filter((h): h is string => Boolean(h && world.hosts.hosts[h])))];
  return [
    ...(template
      ? [`template ${template.displayName}: v${template.schemaVersion}, ${template.subjectName.source}${template.exportableKey ? ', exportable key' : ''}; ${template.acl.map((a) => `${a.principal} ${a.allow.join('+')}`).join('; ')}`,
         `CA issues it: ${Object.values(world.ca.authorities).some((a) => a.templatesToIssue.includes(template.name)) ? 'yes' : 'no'}`]
      : []),
    ...hosts.flatMap((h) => [
      `${h} personal store: ${(world.hosts.stores[h]?.personal ?? []).map((c) => `${c.thumbprint} (${findTemplate(world.ca, c.template)?.displayName ?? c.template})`).join(', ') || 'empty'}`,
      ...Object.values(world.hosts.iis[h] ?? {}).flatMap((site) => site.bindings.map((b) => `${h} ${site.name} ${b.protocol}:${b.port} → ${b.thumbprint ?? 'no certificate'}`)),
    ]),
  ];
};

/** Answers "why?" at this step: the template's offer on the Request Certificates page, the last rejection, findings. */
export const explain = (lab: Lab, procedure: ProcedureDefinition, step: StepDefinition | undefined): string[] => {
  const world: World = lab.world;
  const lines: string[] = [];
  const template = findTemplate(world.ca, String((choicesOf(lab, procedure.id)['name-template'] as { displayName?: string } | undefined)?.displayName ?? ''));
  const computer = (step?.seedChoice({ choices: choicesOf(lab, procedure.id) }) as { computer?: string } | undefined)?.computer;
  if (computer && world.directory.principals[computer]?.kind === 'computer') {
    lines.push(`Request Certificates on ${computer} (Show all templates):`);
    for (const offer of offeredTemplates(world, computer)) lines.push(`  ${offer.available ? 'available  ' : 'unavailable'} ${offer.displayName}${offer.reason ? ` — ${offer.reason}` : ''}`);
  }
  if (template) {
    lines.push(`Template "${template.displayName}": version ${template.schemaVersion}, ${template.subjectName.source}, issued by ${Object.values(world.ca.authorities).filter((a) => a.templatesToIssue.includes(template.name)).map((a) => a.name).join(', ') || 'no CA'}`);
    lines.push(`  Security: ${template.acl.map((a) => `${a.principal} ${a.allow.join('+')}${a.deny.length ? ` deny ${a.deny.join('+')}` : ''}`).join('; ')}`);
  }
  const last = world.rejections.at(-1);
  if (last) lines.push(`Last rejection (${last.step}): ${last.rejection.code} ${last.rejection.name}: ${last.rejection.reason}`);
  const findings = evaluateFindings(world).filter((f) => f.severity !== 'info');
  lines.push(findings.length ? 'Findings:' : 'No finding above informational.');
  for (const f of findings) lines.push(`  [${f.severity}] ${f.id}: ${f.message} Fix: ${f.fix.procedure}`);
  return lines;
};

export { findProcedure };
