import { evaluateFindings, type Finding, type RecordedEvent } from '../../../domain/index.ts';
import type { Timeline } from '../../../projections/index.ts';
import type { CompactRow, EventJson, FindingsAnswer, FindingView } from '../api.ts';
import { findingJson } from '../../json-shapes.ts';

/** A finding as the page shows it: the shared JSON shape, a short name, and its fix as the commands to type. */
export const findingView = (f: Finding): FindingView => ({
  ...findingJson(f),
  name: `${f.rule} on ${f.subject.replace(/^[a-z-]+:/, '')}`,
  fixCommands: f.fix.command ? [f.fix.command] : [],
});

/** The position before the step that holds `position` (the start of its compact row), so "new" means new since the last step. */
const stepStart = (rows: readonly CompactRow[], position: number): number => {
  let start = 0;
  for (const r of rows) {
    if (r.firstEvent > position) break;
    start = r.firstEvent - 1;
  }
  return start;
};

/**
 * The findings at a position: those open, those new since the previous step, and those the step resolved, each with
 * the position and event after which it was gone.
 */
export const findingsAt = (
  timeline: Timeline,
  events: readonly RecordedEvent[],
  rows: readonly CompactRow[],
  position: number,
  json: (e: RecordedEvent) => EventJson,
): FindingsAnswer => {
  const open = evaluateFindings(timeline.worldAt(position));
  const before = stepStart(rows, position);
  const earlier = position === 0 ? [] : evaluateFindings(timeline.worldAt(before));
  const openIds = new Set(open.map((f) => f.id));
  const earlierIds = new Set(earlier.map((f) => f.id));
  const resolved = earlier
    .filter((f) => !openIds.has(f.id))
    .map((finding) => {
      let at = position;
      for (let n = before + 1; n <= position; n += 1) {
        if (!evaluateFindings(timeline.worldAt(n)).some((g) => g.id === finding.id)) {
          at = n;
          break;
        }
      }
      return { finding: findingView(finding), at, by: json(events[at - 1]!) };
    });
  return { position, open: open.map(findingView), new: open.filter((f) => !earlierIds.has(f.id)).map(findingView), resolved };
};

/** A CSV cell: quoted, and a leading = + - @ made harmless for spreadsheets. */
const cell = (value: string): string => `"${(/^[=+\-@]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;

export const findingsCsv = (findings: readonly FindingView[]): string => {
  const header = ['id', 'rule', 'family', 'severity', 'subject', 'message', 'fix', 'command', 'causedBy'];
  const lines = findings.map((f) =>
    [f.id, f.rule, f.family, f.severity, f.subject, f.message, f.fix.procedure, f.fix.command ?? '', f.causedBy.join(' ')]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
};
