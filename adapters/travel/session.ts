import { basename, dirname } from 'node:path';
import { evaluateFindings, findTemplate, type RecordedEvent, type World } from '../../domain/index.ts';
import { buildTimeline, diffWorlds, type Timeline } from '../../projections/index.ts';
import { redecide, type WhatIf } from '../../workflows/index.ts';
import { labFolder, openNewLab } from '../lab-files.ts';
import { copyLab, referencesOf } from '../lab-copy.ts';
import { findingHistory } from './bisect.ts';
import { describeEvent, stepsOf } from './describe.ts';
import { sections, showWorld, type Section } from './show.ts';
import { exportBundle, redecisionPorts, TravelError, type LabSource } from './source.ts';

export interface Output { readonly lines: string[]; readonly json: unknown }

export interface TravelSession {
  readonly timeline: Timeline;
  cursor: number;
  run(line: string): Promise<Output>;
}

const int = (value: string | undefined, what: string, max: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new TravelError(`${what}: expected a position from 0 to ${max}, found ${value ?? 'nothing'}`);
  return n;
};

export const travelHelp = [
  'show [N] [--section directory|ca|stores|iis|gpo|configmgr|findings]   the world at N (default: here)',
  'next | prev | goto N|ISO-time                                       move through the log',
  'log [FROM] [TO]                                                     events with their step and simulated time',
  'diff A B                                                            what changed from A to B, in domain terms',
  'bisect FINDING                                                      the event that introduced a finding (id or rule)',
  'why ENTITY                                                          the events that shaped an entity (template, computer, group…)',
  'what-if skip N | what-if change N JSON                              decide the inputs after N again with that step changed',
  'fork OUT.jsonl skip N | fork OUT.jsonl change N JSON [--force]      save that what-if as a new lab log (--force replaces one)',
  'export OUT.json [--to N] [--without-keys] [--force]                 a self-contained file another machine can open',
  'help | quit',
];

/** A time-travel session over one lab log: a cursor, the timeline, and the commands of `pkilab travel`. */
export const createSession = (source: LabSource, warn: (w: string) => void): TravelSession => {
  const events = source.events;
  const timeline = buildTimeline(events);
  const steps = stepsOf(events);
  const last = events.length;
  const lineOf = (e: RecordedEvent) => `${String(e.position).padStart(5)}  ${e.at.slice(0, 16)}  [${steps[e.position - 1]}] ${e.type}: ${describeEvent(e)}`;

  const resolveEntity = (world: World, name: string): string[] => {
    const template = findTemplate(world.ca, name);
    const key = name.includes(':') ? name : template ? `template:${template.name}` : world.directory.principals[name] ? `principal:${name}` : world.hosts.hosts[name] ? `host:${name}` : name;
    return Object.keys(world.provenance).filter((k) => k === key || k.startsWith(`${key}:`) || (key.startsWith('principal:') && k === `host:${key.slice(10)}`) || (key.startsWith('principal:') && k === `store:${key.slice(10)}`));
  };

  const whatIf = (args: string[], rest: string): WhatIf => {
    const [kind, n] = args;
    const position = int(n, 'what-if', last);
    if (events[position - 1]?.type !== 'ActionTaken') throw new TravelError(`what-if: position ${position} is a ${events[position - 1]?.type ?? 'nothing'}, not an input (ActionTaken); use log to find the step's input`);
    if (kind === 'skip') return { kind: 'skip', position };
    if (kind !== 'change') throw new TravelError(`what-if: expected skip N or change N JSON, found ${kind ?? 'nothing'}`);
    const json = rest.slice(rest.indexOf(n!) + n!.length).trim();
    try {
      return { kind: 'change', position, choice: JSON.parse(json) };
    } catch {
      throw new TravelError(`what-if change: expected the new choice as JSON (for example {"computer":"SERVER1"}), found ${json || 'nothing'}`);
    }
  };

  const runWhatIf = async (change: WhatIf) => {
    const ports = redecisionPorts(source, (ref) => warn(`the key ${ref} is not available here; a stand-in key signs in its place`));
    const result = await redecide(ports, events, change);
    const before = timeline.worldAt(last);
    const after = result.lab.world;
    const newFindings = evaluateFindings(after).map((f) => f.id);
    const oldFindings = evaluateFindings(before).map((f) => f.id);
    return { result, ports, before, after, newFindings, oldFindings };
  };

  const session: TravelSession = {
    timeline,
    cursor: last,
    async run(line) {
      const rest = line.trim();
      const [command = 'help', ...args] = rest.split(/\s+/);
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
          if (section !== undefined && !sections.includes(section as Section)) throw new TravelError(`show --section: expected one of ${sections.join(', ')}, found ${section}`);
          const n = args[0] === undefined ? session.cursor : int(args[0], 'show', last);
          const { lines, json } = showWorld(timeline.worldAt(n), section as Section | undefined);
          return { lines: [...(n > 0 ? [lineOf(events[n - 1]!)] : []), ...lines], json };
        }
        case 'next':
        case 'prev':
        case 'goto': {
          const target = args[0] ?? '';
          if (command === 'next') session.cursor = Math.min(last, session.cursor + 1);
          else if (command === 'prev') session.cursor = Math.max(0, session.cursor - 1);
          else if (/^\d{4}-\d{2}-\d{2}T/.test(target)) session.cursor = events.filter((e) => Date.parse(e.at) <= Date.parse(target)).length;
          else session.cursor = int(target, 'goto', last);
          const event = events[session.cursor - 1];
          return { lines: [event ? lineOf(event) : 'position 0: before the lab was created'], json: { position: session.cursor, event: event ?? null } };
        }
        case 'log': {
          const from = args[0] === undefined ? 1 : int(args[0], 'log', last);
          const to = args[1] === undefined ? last : Math.min(last, int(args[1], 'log', Number.MAX_SAFE_INTEGER));
          const slice = events.slice(Math.max(0, from - 1), to);
          return { lines: slice.map(lineOf), json: slice.map((e) => ({ position: e.position, at: e.at, step: steps[e.position - 1], type: e.type, text: describeEvent(e) })) };
        }
        case 'diff': {
          const a = int(args[0], 'diff A', last);
          const b = int(args[1], 'diff B', last);
          const changes = diffWorlds(timeline.worldAt(a), timeline.worldAt(b));
          return { lines: [`from ${a} to ${b}: ${changes.length} change(s)`, ...changes.map((c) => `  ${c.area.padEnd(9)} ${c.text}`)], json: changes };
        }
        case 'bisect': {
          const wanted = args[0] ?? '';
          const history = findingHistory(timeline, events, wanted);
          if (!history) {
            const atEnd = evaluateFindings(timeline.worldAt(last)).map((f) => f.id).join(', ') || 'none';
            throw new TravelError(`bisect: no finding ${wanted} at any position of the log (findings at the end: ${atEnd})`);
          }
          const { position, finding } = history.first;
          const event = events[position - 1]!;
          const skipped = events.slice(position).filter((e) => e.type === 'ActionTaken' && e.data.choice === null);
          const later = history.later.map((c) => ({ ...c, step: steps[c.position - 1], event: events[c.position - 1]! }));
          return {
            lines: [
              `${finding.id} first appears at position ${position}, in step ${steps[position - 1]}:`, lineOf(event),
              `  ${finding.message}`, `  fix: ${finding.fix.procedure}`, ...(finding.fix.command ? [`  command: ${finding.fix.command}`] : []),
              `  caused by events ${finding.causedBy.join(', ')}`,
              ...later.flatMap((c) => [`${c.kind} at ${c.position}, in step ${c.step}:`, lineOf(c.event)]),
              ...(skipped.length ? ['  steps skipped after it appeared (each a what-if candidate):', ...skipped.map((e) => `  ${lineOf(e)}`)] : []),
            ],
            json: {
              finding, position, step: steps[position - 1], event, later,
              skippedAfter: skipped.map((e) => ({ position: e.position, step: steps[e.position - 1] })),
            },
          };
        }
        case 'why': {
          const world = timeline.worldAt(session.cursor);
          const name = args.join(' ');
          const keys = resolveEntity(world, name);
          if (keys.length === 0) throw new TravelError(`why: no entity "${name}" at position ${session.cursor} (try a template name, a computer, a group, or a key such as template:ConfigMgrWebServerCertificate)`);
          const positions = [...new Set(keys.flatMap((k) => world.provenance[k] ?? []))].sort((a, b) => a - b);
          return { lines: [`${name}: shaped by ${positions.length} event(s) (${keys.join(', ')})`, ...positions.map((p) => lineOf(events[p - 1]!))], json: { entity: name, keys, events: positions.map((p) => events[p - 1]) } };
        }
        case 'what-if': {
          const change = whatIf(args, rest);
          const { result, before, after, newFindings, oldFindings } = await runWhatIf(change);
          const changes = diffWorlds(before, after, { findings: false });
          const rejections = after.rejections.map((r) => `${r.step} ${r.rejection.code}`);
          return {
            lines: [
              `re-decided ${events.length} recorded events with ${change.kind === 'skip' ? `step at ${change.position} skipped` : `the choice at ${change.position} changed`}: ${result.lab.events.length} events`,
              result.divergedAt ? `the outcome diverges from the recording at position ${result.divergedAt}: ${describeEvent(result.lab.events[result.divergedAt - 1] ?? events[result.divergedAt - 1]!)}` : 'the outcome is the same as the recording',
              `rejections: ${rejections.join(', ') || 'none'} (recorded: ${before.rejections.map((r) => `${r.step} ${r.rejection.code}`).join(', ') || 'none'})`,
              `findings now: ${newFindings.join(', ') || 'none'} (recorded: ${oldFindings.join(', ') || 'none'})`,
              'world compared with the recording\'s end:',
              ...changes.map((c) => `  ${c.area.padEnd(9)} ${c.text}`),
            ],
            json: { whatIf: change, divergedAt: result.divergedAt ?? null, rejections: after.rejections, findings: newFindings, recordedFindings: oldFindings, changes },
          };
        }
        case 'fork': {
          const force = args.includes('--force');
          if (force) args.splice(args.indexOf('--force'), 1);
          const out = args.shift();
          if (!out?.endsWith('.jsonl')) throw new TravelError(`fork: expected the new log's path (…/lab.jsonl), found ${out ?? 'nothing'}`);
          const { result, ports } = await runWhatIf(whatIf(args, rest.replace(/\s--force\b/, '')));
          const folder = labFolder(dirname(out), basename(out, '.jsonl'));
          const writer = await openNewLab(folder, 'pkilab travel fork', force ? 'force' : 'never');
          try {
            await copyLab(ports, result.lab.events, writer.ports, folder.labId);
          } finally {
            await writer.release();
          }
          const refs = referencesOf(result.lab.events);
          return { lines: [`forked into ${out} (${result.lab.events.length} events, ${refs.keys.length} keys in ${folder.keys})`], json: { log: out, events: result.lab.events.length, divergedAt: result.divergedAt ?? null } };
        }
        case 'export': {
          const out = args.shift();
          if (!out) throw new TravelError('export: expected the output file (for example broken-lab.json)');
          const to = flag('--to');
          const withKeys = !args.includes('--without-keys');
          const bundle = await exportBundle(source, out, { to: to === undefined ? undefined : int(to, 'export --to', last), withKeys, force: args.includes('--force') });
          return { lines: [`exported ${bundle.events.length} events${withKeys ? ` and ${Object.keys(bundle.keys ?? {}).length} private keys (keep the file as safe as the keys)` : ' without keys'} to ${out}`], json: { file: out, events: bundle.events.length, keys: Object.keys(bundle.keys ?? {}) } };
        }
        case 'help':
          return { lines: travelHelp, json: travelHelp };
        default:
          throw new TravelError(`unknown command "${command}"; expected one of show, next, prev, goto, log, diff, bisect, why, what-if, fork, export, help, quit`);
      }
    },
  };
  return session;
};
