import { SimTime } from '../domain/index.ts';
/**
 * The only wall-clock read in pkilab: the start of a new lab when a scenario does not pin one.
 * The lab begins one day before now (on the hour), so every certificate its procedures issue in
 * simulated time is already valid for real TLS clients when the run ends.
 */
export const defaultLabStart = (now: Date = new Date()): SimTime => {
  const start = new Date(now.getTime() - 24 * 3600_000);
  start.setUTCMinutes(0, 0, 0);
  return SimTime(start.toISOString());
};
