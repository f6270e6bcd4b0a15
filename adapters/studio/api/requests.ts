import { z } from 'zod';

/** The zod schemas the studio's server checks every query and body with (see ../api.ts). */
const count = z.coerce.number({ error: 'a whole number' }).int('a whole number').nonnegative('0 or more');

export const timelineQuery = z.strictObject({
  token: z.string().optional(),
  view: z.enum(['compact', 'full']).default('compact'),
  from: count.default(0),
  limit: count.min(1, '1 or more').max(500, 'at most 500').default(100),
  procedure: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
  entity: z.string().min(1).optional(),
});
export const atQuery = z.strictObject({ token: z.string().optional(), at: count.optional() });
/** The world's sections a client wants (all when left out): a large lab's world is megabytes, a tab needs one section. */
export const worldSections = ['directory', 'templates', 'ca', 'stores', 'iis', 'gpo', 'configmgr'] as const;
export const worldQuery = atQuery.extend({
  sections: z
    .string()
    .regex(
      new RegExp(`^(${worldSections.join('|')})(,(${worldSections.join('|')}))*$`),
      `sections among ${worldSections.join(', ')}, comma-separated`,
    )
    .optional(),
});
export const whyQuery = z.strictObject({ token: z.string().optional(), entity: z.string().min(1, 'an entity key such as host:SERVER1') });
export const diffQuery = z.strictObject({ token: z.string().optional(), from: count, to: count });
export const bisectQuery = z.strictObject({ token: z.string().optional(), finding: z.string().min(1, 'a finding id or rule') });
export const stepQuery = z.strictObject({ token: z.string().optional(), quiz: z.enum(['0', '1']).default('0') });
export const exportQuery = z.strictObject({ token: z.string().optional(), to: count.optional(), keys: z.enum(['0', '1']).default('0') });

export const whatIfEdit = z.strictObject({
  input: z.number().int().min(1),
  op: z.enum(['skip', 'toggle', 'change']),
  choice: z.record(z.string(), z.unknown()).optional(),
});
/** One edit per what-if for now (the re-decision takes one change); `toggle` leaves a recorded input out, as `skip`. */
const edits = z.array(whatIfEdit).min(1, 'one edit').max(1, 'one edit (several at once are not supported yet)');
export const whatIfBody = z.strictObject({ edits });
export const forkBody = z.strictObject({
  edits,
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a folder name of letters, digits, . _ - (at most 64)'),
});
export const stepBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('take'),
    option: z.number().int().nonnegative().optional(),
    choice: z.record(z.string(), z.unknown()).optional(),
  }),
  z.strictObject({ action: z.literal('skip') }),
  z.strictObject({ action: z.literal('back') }),
]);

export type TimelineQuery = z.infer<typeof timelineQuery>;
export type WhatIfEdit = z.infer<typeof whatIfEdit>;
export type WhatIfBody = z.infer<typeof whatIfBody>;
export type ForkBody = z.infer<typeof forkBody>;
export type StepBody = z.infer<typeof stepBody>;
