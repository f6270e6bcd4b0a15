import type { World } from '../../domain/index.ts';
import { procedures, type ProcedureDefinition } from '../../workflows/index.ts';

/** The seed's choice of every step of a procedure, each seeing the ones before it. */
const seedChoices = (procedure: ProcedureDefinition): Record<string, unknown> => {
  const choices: Record<string, unknown> = {};
  for (const step of procedure.steps) choices[step.id] = step.seedChoice({ choices });
  return choices;
};

const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];

/** The names a procedure creates: its group and its template. */
const created = (procedure: ProcedureDefinition): string[] => {
  const choices = seedChoices(procedure);
  return strings([(choices['create-group'] as { name?: string } | undefined)?.name, (choices['name-template'] as { displayName?: string } | undefined)?.displayName]);
};

/**
 * The procedures another one needs first: those that create a group or a template its seed choices name
 * (the AMT 802.1X procedure selects the AMT web server template and group in the out of band component).
 */
export const prerequisitesOf = (procedure: ProcedureDefinition): ProcedureDefinition[] => {
  const own = created(procedure);
  const named = strings(seedChoices(procedure)).filter((s) => !own.includes(s));
  return procedures.filter((other) => other !== procedure && created(other).some((name) => named.includes(name)));
};

export type ProcedureStatus = { readonly kind: 'done' } | { readonly kind: 'under-way' } | { readonly kind: 'available' } | { readonly kind: 'needs'; readonly first: readonly string[] };

/** Where a procedure stands in a lab: done, under way, available, or needing other procedures first. */
export const procedureStatus = (world: World, procedure: ProcedureDefinition): ProcedureStatus => {
  const progress = world.procedures[procedure.id];
  if (progress?.completed) return { kind: 'done' };
  if (progress) return { kind: 'under-way' };
  const missing = prerequisitesOf(procedure).filter((p) => !world.procedures[p.id]?.completed).map((p) => p.id);
  return missing.length ? { kind: 'needs', first: missing } : { kind: 'available' };
};

export const statusText = (status: ProcedureStatus): string =>
  status.kind === 'needs' ? `needs ${status.first.join(' and ')} first` : status.kind === 'under-way' ? 'under way' : status.kind;
