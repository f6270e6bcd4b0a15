import { z } from 'zod';
import { addMinutes, isSimTime, SimTime } from '../../domain/index.ts';
import { ChoiceError, choiceOf, wording } from '../kit/choices.ts';
import { defineAction } from './definition.ts';

const amount = z
  .int()
  .min(1)
  .max(10 * 365 * 24 * 60);
const fields = z.strictObject({
  minutes: amount.optional(),
  hours: z
    .int()
    .min(1)
    .max(10 * 365 * 24)
    .optional(),
  days: z
    .int()
    .min(1)
    .max(10 * 365)
    .optional(),
  until: z.string().refine(isSimTime).register(wording, { expected: 'an ISO time in UTC such as 2026-11-09T09:00:00Z' }).optional(),
});

type Wait = { readonly minutes: number } | { readonly until: SimTime };

const advanceTime = defineAction({
  id: 'advance-time',
  title: 'Let simulated time pass',
  purpose:
    "Moves the lab's clock forward by a duration or to a time; every timer that falls due on the way runs at its own time " +
    "(an autoenrollment pass every 8 hours on each computer, CRL publication on the CA's periods).",
  group: 'time',
  tool: 'the calendar',
  example: { minutes: 7 * 24 * 60 } as Wait,
  ...choiceOf(fields, (value, path): Wait => {
    const given = (['minutes', 'hours', 'days', 'until'] as const).filter((k) => value[k] !== undefined);
    if (given.length !== 1)
      throw new ChoiceError(path, 'exactly one of minutes, hours, days or until', given.length === 0 ? 'none' : given.join(' and '));
    if (value.until !== undefined) return { until: SimTime(new Date(Date.parse(value.until)).toISOString()) };
    return { minutes: value.minutes ?? (value.hours ?? 0) * 60 + (value.days ?? 0) * 24 * 60 };
  }),
  minutes: 0,
  until: (choice, now) => ('until' in choice ? choice.until : addMinutes(now, choice.minutes)),
  commands: (_choice, _world, at) => [{ type: 'AdvanceTime', to: at }],
});

export const timeActions = [advanceTime];
