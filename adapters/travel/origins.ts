import { evaluateFindings, templateAsTyped, type World } from '../../domain/index.ts';
import { findingName } from '../finding-names.ts';
import { findingJson, stepText } from '../json-shapes.ts';
import { findingHistory } from './bisect.ts';
import type { TravelCommand } from './session-types.ts';
import { TravelError } from './source.ts';

/** The provenance keys a name stands for: a key as typed, a template, a principal (with its host and store), a host. */
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

/** `why ENTITY`: the events that shaped an entity (template, computer, group…) at the cursor. */
export const why: TravelCommand = (session, args, command) => {
  const { events, lineOf, json, timeline } = session.context;
  const world = timeline.worldAt(session.cursor);
  const name = args.join(' ');
  const keys = resolveEntity(world, name);
  if (keys.length === 0)
    throw new TravelError(
      `why: no entity "${name}" at position ${session.cursor} (try a template name, a computer, a group, or a key such as template:ConfigMgrWebServerCertificate)`,
    );
  const positions = [...new Set(keys.flatMap((k) => world.provenance[k] ?? []))].sort((a, b) => a - b);
  return {
    lines: [`${name}: shaped by ${positions.length} event(s) (${keys.join(', ')})`, ...positions.map((p) => lineOf(events[p - 1]!))],
    json: { command, position: session.cursor, entity: name, keys, events: positions.map((p) => json(events[p - 1]!)) },
  };
};

/** `bisect FINDING`: the event that introduced a finding, what changed it later, and the steps skipped after it. */
export const bisect: TravelCommand = (session, args) => {
  const { events, last, lineOf, json, timeline, where } = session.context;
  const typed = args[0] ?? '';
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
      ...(skipped.length ? ['  steps skipped after it appeared (each a what-if candidate):', ...skipped.map((e) => `  ${lineOf(e)}`)] : []),
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
