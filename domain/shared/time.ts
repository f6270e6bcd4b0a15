import type { Brand } from './brand.ts';

/** Simulated time: an ISO-8601 UTC string (`2026-01-01T00:00:00Z`); arithmetic here never reads the wall clock. */
export type SimTime = Brand<string, 'SimTime'>;
/** Cast only: the schemas and parsers that read a time check it with `isSimTime` first. */
export const SimTime = (at: string): SimTime => at as SimTime;

/** A command with the simulated time it is decided at: each decider reads its time from the command. */
export type Timed<C> = C & { readonly at: SimTime };

export const addMinutes = (at: SimTime, minutes: number): SimTime => SimTime(new Date(Date.parse(at) + minutes * 60_000).toISOString());

export const addDays = (at: SimTime, days: number): SimTime => addMinutes(at, days * 24 * 60);

export const isSimTime = (value: unknown): value is SimTime =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(value) && !Number.isNaN(Date.parse(value));
