import { entitiesShapedBy, type LabEvent, type RecordedEvent } from '../../../domain/index.ts';
import { adminProcedure, findAction, findProcedure } from '../../../workflows/index.ts';
import type { CompactRow, EventJson, TimelineQuery } from '../api.ts';
import { choiceLine } from '../../stepper/words.ts';

/** What a step or action is called in its console (its title), or its id when the catalogue does not know it. */
const titleOf = (procedure: string, step: string): string =>
  (procedure === adminProcedure ? findAction(step)?.title : findProcedure(procedure)?.steps.find((s) => s.id === step)?.title) ?? step;

/** The row an input (or the lab's creation, or a procedure's start) opens. */
const rowOf = (e: RecordedEvent): CompactRow => {
  const input = e.type === 'ActionTaken' ? e.data : undefined;
  const started = e.type === 'ProcedureStarted' ? e.data.procedure : undefined;
  let text = 'lab created';
  if (input) text = `${titleOf(input.procedure, input.step)}: ${input.choice === null ? 'left out' : choiceLine(input.choice)}`;
  else if (started) text = `${findProcedure(started)?.title ?? started}: started`;
  return {
    position: e.position,
    procedure: input?.procedure ?? started ?? null,
    step: input?.step ?? null,
    status: input?.choice === null ? 'skipped' : 'done',
    text,
    firstEvent: e.position,
    lastEvent: e.position,
  };
};

/**
 * The log as one row per input: the lab's creation, each procedure's start, and each step or action with the events
 * it brought (done, rejected with its code, or left out). Rows partition the log, in order.
 */
export const compactRows = (events: readonly RecordedEvent[]): CompactRow[] => {
  const rows: CompactRow[] = [];
  for (const e of events) {
    if (e.type === 'ActionTaken' || e.type === 'ProcedureStarted' || rows.length === 0) {
      rows.push(rowOf(e));
      continue;
    }
    const row = rows[rows.length - 1]!;
    row.lastEvent = e.position;
    if (e.type === 'ActionRejected') {
      row.status = 'rejected';
      row.code = e.data.rejection.code;
      row.text = `${row.text.replace(/: left out$/, '')} — ${e.data.rejection.code} ${e.data.rejection.name}`;
    }
  }
  return rows;
};

/** Whether an event shaped the entity (a key such as `host:SERVER1`, or any of its parts: `template:X` matches `template:X:acl`). */
const shapes = (e: RecordedEvent, entity: string): boolean =>
  entitiesShapedBy(e as LabEvent).some((k) => k === entity || k.startsWith(`${entity}:`));

/** The rows of one page of the timeline, filtered by procedure, event type and entity; `total` counts the filtered rows. */
export const timelinePage = (
  events: readonly RecordedEvent[],
  rows: readonly CompactRow[],
  query: TimelineQuery,
  json: (e: RecordedEvent) => EventJson,
): { view: 'compact'; total: number; rows: CompactRow[] } | { view: 'full'; total: number; rows: EventJson[] } => {
  const { from, limit, procedure, type, entity } = query;
  if (query.view === 'full') {
    const wanted =
      procedure || type || entity
        ? events.filter(
            (e, i) =>
              (!type || e.type === type) && (!entity || shapes(e, entity)) && (!procedure || placeOf(rows, i + 1)?.procedure === procedure),
          )
        : events;
    return { view: 'full', total: wanted.length, rows: wanted.slice(from, from + limit).map(json) };
  }
  const wanted = rows.filter(
    (r) =>
      (!procedure || r.procedure === procedure) &&
      ((!type && !entity) ||
        events.slice(r.firstEvent - 1, r.lastEvent).some((e) => (!type || e.type === type) && (!entity || shapes(e, entity)))),
  );
  return { view: 'compact', total: wanted.length, rows: wanted.slice(from, from + limit) };
};

/** The row an event belongs to (rows are in order: a binary search). */
const placeOf = (rows: readonly CompactRow[], position: number): CompactRow | undefined => {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const row = rows[mid]!;
    if (position < row.firstEvent) hi = mid - 1;
    else if (position > row.lastEvent) lo = mid + 1;
    else return row;
  }
  return undefined;
};
