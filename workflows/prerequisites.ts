import { findProcedure, procedures } from './catalog.ts';
import type { ProcedureDefinition } from './kit/procedure.ts';
import { createGroup, nameTemplate } from './steps/template-steps.ts';

/** The seed's choice of every step of a procedure, each seeing the ones before it. */
const seedChoices = (procedure: ProcedureDefinition): Record<string, unknown> => {
  const choices: Record<string, unknown> = {};
  for (const step of procedure.steps) choices[step.id] = step.seedChoice({ choices });
  return choices;
};

const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];

/** The names a procedure creates: its group and its template. */
const created = (procedure: ProcedureDefinition): string[] => {
  const context = { choices: seedChoices(procedure) };
  return strings([createGroup.read(context)?.name, nameTemplate.read(context)?.displayName]);
};

const known = new Map<string, readonly string[]>();

/**
 * The procedures another one needs first, by id: those that create a group or a template its seed choices
 * name (the AMT 802.1X procedure selects the AMT web server template and group in the out of band component).
 * Its machine takes them as input.
 */
export const prerequisiteIds = (procedure: ProcedureDefinition): readonly string[] => {
  let ids = known.get(procedure.id);
  if (!ids) {
    const own = created(procedure);
    const named = strings(seedChoices(procedure)).filter((s) => !own.includes(s));
    ids = procedures.filter((other) => other !== procedure && created(other).some((name) => named.includes(name))).map((p) => p.id);
    known.set(procedure.id, ids);
  }
  return ids;
};

/** The procedures another one needs first (see `prerequisiteIds`). */
export const prerequisitesOf = (procedure: ProcedureDefinition): ProcedureDefinition[] =>
  prerequisiteIds(procedure).map((id) => findProcedure(id)!);
