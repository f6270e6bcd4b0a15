import type { SimTime } from '../domain/index.ts';
import { dueByTime, nextDueAt, timed, type World } from '../domain/index.ts';
import { workingWorld } from '../projections/index.ts';
import { executeIn, stamp } from './execute.ts';
import type { LabPorts, PendingEvent } from './ports.ts';

/** A guard against a schedule that never moves on (each run of due work must push its timer forward). */
const maxRounds = 100_000;

/**
 * Runs the scheduled work (autoenrollment timers, CRL publications) that falls due strictly before `until`, in
 * time order, each at its own due time: a week's wait is 21 autoenrollment passes per computer, not one. The
 * events come back stamped with the time they happened; work a rejection stops is left for its next due time.
 */
export const runDueWork = async (ports: LabPorts, start: World, until: SimTime): Promise<{ events: PendingEvent[]; world: World }> => {
  // One working world for the whole catch-up: a pass over 10,000 computers copies each record it writes once.
  const working = workingWorld(start);
  const events: PendingEvent[] = [];
  for (let round = 0; round < maxRounds; round += 1) {
    const due = nextDueAt(working.world);
    if (due === undefined || Date.parse(due) >= Date.parse(until)) return { events, world: working.finish() };
    let moved = false;
    for (const command of dueByTime(working.world, due)) {
      const outcome = await executeIn(ports, working, timed(command, due));
      if (!Array.isArray(outcome)) continue;
      events.push(...stamp(outcome, due));
      moved ||= outcome.length > 0;
    }
    // Nothing recorded means nothing moves the timer on: stop rather than spin (the next step's catch-up runs it).
    if (!moved) return { events, world: working.finish() };
  }
  throw new Error(`scheduled work did not settle before ${until} after ${maxRounds} rounds`);
};
