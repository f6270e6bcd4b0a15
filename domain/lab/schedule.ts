import { autoenrollmentSchedule } from '../ca/autoenroll.ts';
import { crlSchedule } from '../ca/crl-schedule.ts';
import { SimTime } from '../shared/time.ts';
import type { LabCommand } from './commands.ts';
import type { World } from './world.ts';

/** Work the world does by itself at a simulated time: a computer's autoenrollment timer, a CA's CRL publication. */
interface ScheduledWork {
  readonly at: SimTime;
  readonly command: LabCommand;
}

/**
 * The sources of scheduled work, in the order their due work runs when several fall due together (CRL
 * publication first, then the 8-hour autoenrollment passes). A new kind of timer is one more entry here.
 */
const scheduleSources: readonly ((world: World) => readonly ScheduledWork[])[] = [crlSchedule, autoenrollmentSchedule];

const scheduled = (world: World): ScheduledWork[] => scheduleSources.flatMap((source) => source(world));

/** Work the passage of simulated time makes due by `at`, in the sources' order. */
export const dueByTime = (world: World, at: SimTime): LabCommand[] =>
  scheduled(world)
    .filter((work) => Date.parse(work.at) <= Date.parse(at))
    .map((work) => work.command);

/** When the next scheduled work falls due, if any does. */
export const nextDueAt = (world: World): SimTime | undefined => {
  let next: number | undefined;
  for (const work of scheduled(world)) {
    const t = Date.parse(work.at);
    if (next === undefined || t < next) next = t;
  }
  return next === undefined ? undefined : SimTime(new Date(next).toISOString());
};
