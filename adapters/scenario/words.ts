// The names a scenario uses (procedures, steps), each refused with the list it must come from.
import { z } from 'zod';
import { didYouMean, expected, procedures } from '../../workflows/index.ts';
import { actionIdList } from './action-schema.ts';

/** A closed set of names, refused with the list (or a description of it when long) and a `did you mean`. */
export const nameAmong = <T extends string>(values: readonly T[], what: string, noun: string) =>
  z.enum(values as [T, ...T[]], { error: (issue) => expected(what, { hint: didYouMean(issue.input, values), unknown: noun }) });

export const procedureIds = procedures.map((p) => p.id);
export const aProcedure = `a procedure of the catalogue (${procedureIds.join(', ')})`;
export const procedureId = nameAmong(procedureIds, aProcedure, 'procedure');
const stepIds = [...new Set([...procedures.flatMap((p) => p.steps.map((s) => s.id)), ...actionIdList])];
export const stepId = nameAmong(stepIds, "a step id of the catalogue's procedures (pkilab procedures lists them) or an action id", 'step');
