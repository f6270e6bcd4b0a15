import { evaluateFindings, templateAsTyped, type RecordedEvent, type World } from '../../domain/index.ts';
import { buildTimeline, diffWorlds, type Timeline } from '../../projections/index.ts';
import { eventJson, findingJson, placesOf, stepText, type EventJson } from '../json-shapes.ts';
import { findingName } from '../finding-names.ts';
import { findingHistory } from './bisect.ts';
import { describeEvent } from './describe.ts';
import { sections, showWorld, type Section } from './show.ts';
import { TravelError, type LabSource } from './source.ts';
import { exportCommand, forkCommand, whatIfCommand, type Context } from './what-if.ts';
import { commandWords } from './words.ts';

export interface Output {
  readonly lines: string[];
  readonly json: Record<string, unknown> & { command: string };
}

export interface TravelSession {
  readonly timeline: Timeline;
  /** What the what-if, fork and export commands read (for callers that decide again without words: the studio). */
  readonly context: Context;
  cursor: number;
  /** One prompt line, split into words as a shell splits them. */
  run(line: string): Promise<Output>;
  /** A command already split into words (the command line's arguments). */
  runWords(words: readonly string[]): Promise<Output>;
}

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

/** A time-travel session over one lab log: a cursor, the timeline, and the commands of `pkilab travel`. */
export const createSession = (source: LabSource, warn: (w: string) => void): TravelSession => {
  const events = source.events;
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
  const context: Context = { source, events, timeline, last, int, lineOf, json, warn };

  const resolveEntity = (world: World, name: string): string[] => {
    const template = templateAsTyped(world.ca, name);
    const key = name.includes(':')
      ? name
      : template
        ? `template:${template.name}`
        : world.directory.principals[name]
          ? `principal:${name}`
          : world.hosts.hosts[name]
            ? `host:${name}`
            : name;
    const principal = key.startsWith('principal:') ? key.slice(10) : undefined;
    return Object.keys(world.provenance).filter(
      (k) => k === key || k.startsWith(`${key}:`) || (principal !== undefined && (k === `host:${principal}` || k === `store:${principal}`)),
    );
  };

  const session: TravelSession = {
    timeline,
    context,
    cursor: last,
    run: async (line) => session.runWords(commandWords(line)),
    async runWords(words) {
      const [command = 'help', ...args] = words;
      const flag = (name: string) => {
        const i = args.indexOf(name);
        if (i < 0) return undefined;
        const value = args[i + 1];
        args.splice(i, 2);
        return value ?? '';
      };
      switch (command) {
        case 'show': {
          const section = flag('--section');
          if (section !== undefined && !sections.includes(section as Section))
            throw new TravelError(`show --section: expected one of ${sections.join(', ')}, found ${section || 'nothing'}`);
          const n = args[0] === undefined ? session.cursor : int(args[0], 'show');
          const { lines, json: world } = showWorld(timeline.worldAt(n), section as Section | undefined);
          return {
            lines: [...(n > 0 ? [lineOf(events[n - 1]!)] : []), ...lines],
            json: { command, position: n, event: n > 0 ? json(events[n - 1]!) : null, world },
          };
        }
        case 'next':
        case 'prev':
        case 'goto': {
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
        }
        case 'log': {
          const from = args[0] === undefined ? 1 : int(args[0], 'log FROM');
          const to = args[1] === undefined ? last : Math.min(last, int(args[1], 'log TO', Number.MAX_SAFE_INTEGER));
          const slice = events.slice(Math.max(0, from - 1), to);
          return { lines: slice.map(lineOf), json: { command, from, to, events: slice.map(json) } };
        }
        case 'diff': {
          const a = int(args[0], 'diff A');
          const b = int(args[1], 'diff B');
          const changes = diffWorlds(timeline.worldAt(a), timeline.worldAt(b));
          return {
            lines: [`from ${a} to ${b}: ${changes.length} change(s)`, ...changes.map((c) => `  ${c.area.padEnd(9)} ${c.text}`)],
            json: { command, from: a, to: b, changes },
          };
        }
        case 'bisect':
          return bisect(args[0] ?? '');
        case 'why': {
          const world = timeline.worldAt(session.cursor);
          const name = args.join(' ');
          const keys = resolveEntity(world, name);
          if (keys.length === 0)
            throw new TravelError(
              `why: no entity "${name}" at position ${session.cursor} (try a template name, a computer, a group, or a key such as template:ConfigMgrWebServerCertificate)`,
            );
          const positions = [...new Set(keys.flatMap((k) => world.provenance[k] ?? []))].sort((a, b) => a - b);
          return {
            lines: [
              `${name}: shaped by ${positions.length} event(s) (${keys.join(', ')})`,
              ...positions.map((p) => lineOf(events[p - 1]!)),
            ],
            json: { command, position: session.cursor, entity: name, keys, events: positions.map((p) => json(events[p - 1]!)) },
          };
        }
        case 'what-if':
          return whatIfCommand(context, args);
        case 'fork':
          return forkCommand(context, args);
        case 'export':
          return exportCommand(context, args);
        case 'help':
          return { lines: travelHelp, json: { command, commands: travelHelp.filter((l) => /^[a-z]/.test(l)) } };
        default:
          throw new TravelError(`unknown command "${command}"; expected one of ${commands.join(', ')}`);
      }
    },
  };

  const bisect = (typed: string): Output => {
    const wanted = findingName(
      typed,
      evaluateFindings(timeline.worldAt(last)).map((f) => f.id),
    );
    const history = findingHistory(timeline, events, wanted);
    if (!history) {
      const atEnd =
        evaluateFindings(timeline.worldAt(last))
          .map((f) => f.id)
          .join(', ') || 'none';
      throw new TravelError(`bisect: no finding ${wanted || '(none given)'} at any position of the log (findings at the end: ${atEnd})`);
    }
    const { position, finding } = history.first;
    const event = events[position - 1]!;
    const skipped = events.slice(position).filter((e) => e.type === 'ActionTaken' && e.data.choice === null);
    const later = history.later.map((c) => ({ ...c, event: events[c.position - 1]! }));
    return {
      lines: [
        `${finding.id} first appears at position ${position}, in step ${stepText(where[position - 1]!)}:`,
        lineOf(event),
        `  ${finding.message}`,
        `  fix: ${finding.fix.procedure}`,
        ...(finding.fix.command ? [`  command: ${finding.fix.command}`] : []),
        `  caused by events ${finding.causedBy.join(', ')}`,
        ...later.flatMap((c) => [`${c.kind} at ${c.position}, in step ${stepText(where[c.position - 1]!)}:`, lineOf(c.event)]),
        ...(skipped.length
          ? ['  steps skipped after it appeared (each a what-if candidate):', ...skipped.map((e) => `  ${lineOf(e)}`)]
          : []),
      ],
      json: {
        command: 'bisect',
        finding: findingJson(finding),
        position,
        event: json(event),
        later: later.map((c) => ({ kind: c.kind, position: c.position, event: json(c.event) })),
        skippedAfter: skipped.map(json),
      },
    };
  };
  return session;
};
