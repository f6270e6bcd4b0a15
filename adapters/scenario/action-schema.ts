import { z } from 'zod';
import { actions, didYouMean, expected, wording, type ActionDefinition } from '../../workflows/index.ts';

const ids = actions.map((a) => a.id);
const anAction = `an administrative action (${ids.join(', ')})`;

/** One action as a scenario writes it: `action: <id>` beside the fields of its choice. */
const entryOf = (action: ActionDefinition<any>) =>
  action.schema.extend({ action: z.literal(action.id) }).meta({ title: action.title, description: `${action.purpose} (${action.tool})` });

type Entry = ReturnType<typeof entryOf>;

const actionEntry = z
  .discriminatedUnion('action', actions.map(entryOf) as [Entry, ...Entry[]], {
    error: (issue) => {
      if (issue.code !== 'invalid_union' || !issue.discriminator) return undefined;
      const chosen = (issue.input as { action?: unknown } | undefined)?.action;
      return expected(anAction, { hint: didYouMean(chosen, ids), unknown: 'action' });
    },
  })
  .register(wording, { expected: `a mapping with action (${ids.slice(0, 4).join(', ')}…) and the fields of its choice`, items: 'actions' });

/** A list of actions, run in order; each is taken whatever became of the one before. */
export const actionList = z
  .array(actionEntry)
  .min(1)
  .register(wording, { expected: 'a list of actions, each a mapping with action and its fields', items: 'actions' });

/** The `procedures:` item that runs actions between procedures. */
export const actionsBetween = z.strictObject({ actions: actionList }).register(wording, { expected: 'a mapping with actions' });

/** Action ids, for rejection expectations (`step: approve-request`). */
export const actionIdList = ids;
