import { diffWorlds } from '../../projections/index.ts';
import type { TravelCommand } from './session-types.ts';
import { sections, showWorld, type Section } from './show.ts';
import { TravelError } from './source.ts';

/** Takes `--name VALUE` out of the words: the value ('' when it is missing), undefined when the flag is not there. */
const takeFlag = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value ?? '';
};

/** `show [N] [--section S]`: the world at N (default: here), with the event that made it. */
export const show: TravelCommand = (session, args, command) => {
  const { events, int, lineOf, json, timeline } = session.context;
  const section = takeFlag(args, '--section');
  if (section !== undefined && !sections.includes(section as Section))
    throw new TravelError(`show --section: expected one of ${sections.join(', ')}, found ${section || 'nothing'}`);
  const n = args[0] === undefined ? session.cursor : int(args[0], 'show');
  const { lines, json: world } = showWorld(timeline.worldAt(n), section as Section | undefined);
  return {
    lines: [...(n > 0 ? [lineOf(events[n - 1]!)] : []), ...lines],
    json: { command, position: n, event: n > 0 ? json(events[n - 1]!) : null, world },
  };
};

/** `next`, `prev`, `goto N|ISO-time`: moves the cursor and names the event there. */
export const move: TravelCommand = (session, args, command) => {
  const { events, int, last, lineOf, json } = session.context;
  const target = args[0];
  if (command === 'next') session.cursor = Math.min(last, session.cursor + 1);
  else if (command === 'prev') session.cursor = Math.max(0, session.cursor - 1);
  else if (target && /^\d{4}-\d{2}-\d{2}T/.test(target) && !Number.isNaN(Date.parse(target)))
    session.cursor = events.filter((e) => Date.parse(e.at) <= Date.parse(target)).length;
  else session.cursor = int(target, 'goto (a position or an ISO time)');
  const event = events[session.cursor - 1];
  return {
    lines: [event ? lineOf(event) : 'position 0: before the lab was created'],
    json: { command, position: session.cursor, event: event ? json(event) : null },
  };
};

/** `log [FROM] [TO]`: the events from FROM to TO. */
export const log: TravelCommand = (session, args, command) => {
  const { events, int, last, lineOf, json } = session.context;
  const from = args[0] === undefined ? 1 : int(args[0], 'log FROM');
  const to = args[1] === undefined ? last : Math.min(last, int(args[1], 'log TO', Number.MAX_SAFE_INTEGER));
  const slice = events.slice(Math.max(0, from - 1), to);
  return { lines: slice.map(lineOf), json: { command, from, to, events: slice.map(json) } };
};

/** `diff A B`: what changed from A to B, in domain terms. */
export const diff: TravelCommand = (session, args, command) => {
  const { int, timeline } = session.context;
  const a = int(args[0], 'diff A');
  const b = int(args[1], 'diff B');
  const changes = diffWorlds(timeline.worldAt(a), timeline.worldAt(b));
  return {
    lines: [`from ${a} to ${b}: ${changes.length} change(s)`, ...changes.map((c) => `  ${c.area.padEnd(9)} ${c.text}`)],
    json: { command, from: a, to: b, changes },
  };
};
