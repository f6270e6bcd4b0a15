import type { RecordedEvent } from '../../domain/index.ts';
import { buildTimeline } from '../../projections/index.ts';
import { eventJson, placesOf, stepText, type EventJson } from '../json-shapes.ts';
import { describeEvent } from './describe.ts';
import { diff, log, move, show } from './navigate.ts';
import { bisect, why } from './origins.ts';
import { TravelError, type LabSource } from './source.ts';
import type { Context } from './what-if.ts';
import type { TravelCommand, TravelSession } from './session-types.ts';
import { reachOf } from './reach.ts';
import { withReadingNote } from './reading-note.ts';
import { commandWords } from './words.ts';

export type { TravelSession } from './session-types.ts';

export const travelHelp = [
  'show [N] [--section directory|ca|stores|iis|gpo|configmgr|findings]   the world at position N (default: here)',
  'next | prev | goto N|ISO-time                                       move through the log',
  'log [FROM] [TO]                                                     events with their step and simulated time',
  'diff A B                                                            what changed from A to B, in domain terms',
  'bisect FINDING                                                      the event that introduced a finding (id or rule)',
  'why ENTITY                                                          the events that shaped an entity (template, computer, group…)',
  'what-if skip INPUT | what-if change INPUT JSON                      decide the inputs again with that one changed',
  'fork OUT.jsonl skip INPUT | fork OUT.jsonl change INPUT JSON [--force]  save that what-if as a new lab log',
  'export OUT.json [--to N] [--without-keys] [--force]                 a self-contained file another machine can open',
  'help | quit',
  '',
  'Positions count events from 1: position N is the world after event N, 0 the world before the first.',
  "INPUT is the position of a step's input (an ActionTaken event) or the step's name (restart,",
  'iis-web-server-certificate:restart): its last input. JSON fields are laid over the recorded choice.',
];

const commands = ['show', 'next', 'prev', 'goto', 'log', 'diff', 'bisect', 'why', 'what-if', 'fork', 'export', 'help', 'quit'];

/** The session's commands by name (`quit` is the prompt's, not a command the session runs). */
const commandTable: Readonly<Record<string, TravelCommand>> = {
  show,
  next: move,
  prev: move,
  goto: move,
  log,
  diff,
  bisect,
  why,
  // Loaded when first run: deciding again needs the engine's signer and PFX writer, which opening a log does not.
  'what-if': async (session, args) => (await import('./what-if.ts')).whatIfCommand(session.context, args),
  fork: async (session, args) => (await import('./what-if.ts')).forkCommand(session.context, args),
  export: async (session, args) => (await import('./what-if.ts')).exportCommand(session.context, args),
  help: (_session, _args, command) => ({ lines: travelHelp, json: { command, commands: travelHelp.filter((l) => /^[a-z]/.test(l)) } }),
};

/** What the commands read: the events (those checked so far, while a log is still being read), their timeline and places. */
const contextOf = (source: LabSource, events: readonly RecordedEvent[], warn: (w: string) => void): Context => {
  const timeline = buildTimeline(events);
  const where = placesOf(events);
  const last = events.length;
  const int = (value: string | undefined, what: string, max = last): number => {
    const n = Number(value);
    if (value === undefined || !/^\d+$/.test(value) || n > max)
      throw new TravelError(`${what}: expected a position from 0 to ${max}, found ${value ?? 'nothing'}`);
    return n;
  };
  const lineOf = (e: RecordedEvent) =>
    `${String(e.position).padStart(5)}  ${e.at.slice(0, 16)}  [${stepText(where[e.position - 1]!)}] ${e.type}: ${describeEvent(e)}`;
  const json = (e: RecordedEvent): EventJson => eventJson(e, where[e.position - 1]!, describeEvent(e));
  return { source, events, timeline, last, where, int, lineOf, json, warn };
};

/**
 * A time-travel session over one lab log: a cursor, the timeline, and the commands of `pkilab travel`. Over a log
 * still being read (`source.reading`) each command first waits for the events it reads (the whole log unless it
 * names positions), answers from the events checked so far and says so; once the read fails, every command fails
 * with its error. The cursor starts at the end of the log.
 */
export const createSession = (source: LabSource, warn: (w: string) => void): TravelSession => {
  const reading = source.reading;
  const complete = () => !reading || reading.progress.complete;
  let built = contextOf(source, complete() ? source.events : source.events.slice(), warn);
  let cursor: number | undefined = complete() ? built.last : undefined;
  /** The context over every event checked so far (a copy of the growing list while the read goes on). */
  const current = (): Context => {
    const whole = complete();
    if (built.last !== source.events.length || (whole && built.events !== source.events))
      built = contextOf(source, whole ? source.events : source.events.slice(), warn);
    return built;
  };

  const session: TravelSession = {
    get timeline() {
      return current().timeline;
    },
    get context() {
      return current();
    },
    get cursor() {
      return cursor ?? current().last;
    },
    set cursor(n) {
      cursor = n;
    },
    get reading() {
      return complete() ? undefined : reading!.progress;
    },
    run: async (line) => session.runWords(commandWords(line)),
    async runWords(words) {
      const [command = 'help', ...args] = words;
      const run = Object.hasOwn(commandTable, command) ? commandTable[command] : undefined;
      if (!run) throw new TravelError(`unknown command "${command}"; expected one of ${commands.join(', ')}`);
      if (reading) {
        await reading.until(reachOf(command, args, cursor));
        if (complete()) await reading.done;
      }
      const output = await run(session, args, command);
      return session.reading ? withReadingNote(output, session.reading) : output;
    },
  };

  return session;
};
