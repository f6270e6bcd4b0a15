import { evaluateFindings, type RecordedEvent } from '../../domain/index.ts';
import { buildTimeline, diffWorlds, type Change, type Timeline } from '../../projections/index.ts';
import { adminProcedure, findAction, findProcedure } from '../../workflows/index.ts';
import { chartOf, type ProcedureChart } from '../charts/index.ts';
import { findingJson, placesOf, stepText } from '../json-shapes.ts';
import { describeEvent } from '../travel/describe.ts';
import { sections, showWorld } from '../travel/show.ts';

/** One input of the compact timeline: ✓ done, – left out, ✗ rejected with its AD CS code. */
export interface InputRow {
  readonly position: number;
  readonly at: string;
  readonly step: string;
  readonly title: string;
  readonly status: 'done' | 'skipped' | 'rejected';
  readonly rejection?: { readonly code: string; readonly name: string; readonly reason: string };
}

/** One run of a procedure (or of administrative actions) in the log: its inputs, chart and what it changed. */
export interface ProcedureRun {
  readonly procedure: string;
  readonly title: string;
  readonly from: number;
  readonly to: number;
  readonly inputs: InputRow[];
  readonly changes: ReadonlyArray<Change & { readonly positions: readonly number[] }>;
  readonly chart?: ProcedureChart;
}

export interface EventLine {
  readonly position: number;
  readonly at: string;
  readonly type: string;
  readonly where: string;
  readonly text: string;
}

/** Everything the HTML report shows, read from a log: no IO, no clock. */
export interface ReportModel {
  readonly source: string;
  readonly events: number;
  readonly started: string;
  readonly ended: string;
  readonly runs: readonly ProcedureRun[];
  readonly world: ReadonlyArray<{ readonly section: string; readonly lines: readonly string[] }>;
  readonly findings: ReadonlyArray<ReturnType<typeof findingJson> & { readonly events: readonly EventLine[] }>;
  /** Every event in words, up to `fullLogLimit` events (a larger log lists none). */
  readonly log: readonly EventLine[];
}

const fullLogLimit = 5000;

const titleOf = (procedure: string, step: string): string =>
  (procedure === adminProcedure ? findAction(step)?.title : findProcedure(procedure)?.steps.find((s) => s.id === step)?.title) ?? step;

/** Where runs start: each ProcedureStarted, and each first input of a procedure no start announced (admin actions). */
const runBounds = (events: readonly RecordedEvent[]): Array<{ procedure: string; from: number }> => {
  const bounds: Array<{ procedure: string; from: number }> = [];
  for (const e of events) {
    const procedure = e.type === 'ProcedureStarted' ? e.data.procedure : e.type === 'ActionTaken' ? e.data.procedure : undefined;
    if (procedure === undefined) continue;
    if (e.type === 'ProcedureStarted' || bounds.at(-1)?.procedure !== procedure) bounds.push({ procedure, from: e.position });
  }
  return bounds;
};

const inputsOf = (events: readonly RecordedEvent[], from: number, to: number): InputRow[] =>
  events.slice(from - 1, to).flatMap((e): InputRow[] => {
    if (e.type !== 'ActionTaken') return [];
    const next = events[e.position];
    const base = { position: e.position, at: e.at, step: e.data.step, title: titleOf(e.data.procedure, e.data.step) };
    if (next?.type === 'ActionRejected') {
      const { code, name, reason } = next.data.rejection;
      return [{ ...base, status: 'rejected', rejection: { code, name, reason } }];
    }
    return [{ ...base, status: e.data.choice === null ? 'skipped' : 'done' }];
  });

const changesOf = (timeline: Timeline, from: number, to: number) => {
  const after = timeline.worldAt(to);
  return diffWorlds(timeline.worldAt(from - 1), after).map((c) => ({
    ...c,
    positions: (after.provenance[c.entity] ?? []).filter((p) => p >= from && p <= to),
  }));
};

/** The report of a whole log: the compact timeline by procedure, the world and findings at its end, the diffs. */
export const reportModel = (source: string, events: readonly RecordedEvent[]): ReportModel => {
  const timeline = buildTimeline(events);
  const places = placesOf(events);
  const line = (e: RecordedEvent): EventLine => ({
    position: e.position,
    at: e.at,
    type: e.type,
    where: stepText(places[e.position - 1]!),
    text: describeEvent(e),
  });
  const bounds = runBounds(events);
  const runs = bounds.map(({ procedure, from }, i) => {
    const to = (bounds[i + 1]?.from ?? events.length + 1) - 1;
    const definition = findProcedure(procedure);
    const title = definition?.title ?? (procedure === adminProcedure ? 'Administrative actions' : procedure);
    const chart = definition ? chartOf(definition, events.slice(0, to)) : undefined;
    return {
      procedure,
      title,
      from,
      to,
      inputs: inputsOf(events, from, to),
      changes: changesOf(timeline, from, to),
      ...(chart ? { chart } : {}),
    };
  });
  const world = timeline.worldAt(events.length);
  return {
    source,
    events: events.length,
    started: events[0]?.at ?? '',
    ended: events.at(-1)?.at ?? '',
    runs,
    world: sections.filter((s) => s !== 'findings').map((section) => ({ section, lines: showWorld(world, section).lines.slice(2) })),
    findings: evaluateFindings(world).map((f) => ({ ...findingJson(f), events: f.causedBy.map((p) => line(events[p - 1]!)) })),
    log: events.length <= fullLogLimit ? events.map(line) : [],
  };
};
