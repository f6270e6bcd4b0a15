import { dueByTime, nextDueAt, type World } from '../domain/index.ts';
import { execute, stamp } from './execute.ts';
import type { LabPorts, PendingEvent } from './ports.ts';

/** A guard against a schedule that never moves on (each run of due work must push its timer forward). */
const maxRounds = 100_000;

/**
 * Runs the scheduled work (autoenrollment timers, CRL publications) that falls due strictly before `until`, in
 * time order, each at its own due time: a week's wait is 21 autoenrollment passes per computer, not one. The
 * events come back stamped with the time they happened; work a rejection stops is left for its next due time.
 */
export const runDueWork = async (ports: LabPorts, start: World, until: string): Promise<{ events: PendingEvent[]; world: World }> => {
  let world = start;
  const events: PendingEvent[] = [];
  for (let round = 0; round < maxRounds; round += 1) {
    const due = nextDueAt(world);
    if (due === undefined || Date.parse(due) >= Date.parse(until)) return { events, world };
    let moved = false;
    for (const command of dueByTime(world, due)) {
      const outcome = await execute(ports, world, command, due);
      if (!('events' in outcome)) continue;
      const stamped = stamp(outcome.events, due);
      events.push(...stamped);
      world = outcome.world;
      moved ||= outcome.events.length > 0;
    }
    // Nothing recorded means nothing moves the timer on: stop rather than spin (the next step's catch-up runs it).
    if (!moved) return { events, world };
  }
  throw new Error(`scheduled work did not settle before ${until} after ${maxRounds} rounds`);
};

