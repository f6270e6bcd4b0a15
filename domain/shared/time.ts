/** Simulated time is an ISO-8601 UTC string; arithmetic here never reads the wall clock. */
export type SimTime = string;

export const addMinutes = (at: SimTime, minutes: number): SimTime => new Date(Date.parse(at) + minutes * 60_000).toISOString();

export const addDays = (at: SimTime, days: number): SimTime => addMinutes(at, days * 24 * 60);

export const isSimTime = (value: unknown): value is SimTime =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(value) && !Number.isNaN(Date.parse(value));
