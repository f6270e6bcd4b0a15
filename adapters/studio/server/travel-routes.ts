import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { evaluateFindings, type RecordedEvent, type World } from '../../../domain/index.ts';
import { forkBody, whatIfBody, type CompactRow, type Outcome, type WhatIfAnswer, type WhatIfEdit } from '../api.ts';
import { rejectionJson } from '../../json-shapes.ts';
import { decideAgain, forkCommand, parseWhatIf } from '../../travel/what-if.ts';
import { jsonBody, limitBody, parseWith, refuse } from './errors.ts';
import { findingView } from './findings.ts';
import { logEntry, type OpenedLab } from './labs.ts';
import { rowsOf, type RouteDeps } from './read-routes.ts';
import { compactRows } from './timeline.ts';

/** A what-if edit in the words `pkilab travel what-if` takes (a toggle leaves the input out, as skip does). */
const wordsOf = (edit: WhatIfEdit): string[] =>
  edit.op === 'change' ? ['change', String(edit.input), JSON.stringify(edit.choice ?? {})] : ['skip', String(edit.input)];

/** Rows from the one where the outcomes part (at most 500, so a long lab is never sent whole). */
const rowsFrom = (rows: readonly CompactRow[], from: number | null) => rows.filter((r) => r.lastEvent >= (from ?? 0)).slice(0, 500);

const outcome = (events: readonly RecordedEvent[], world: World, rows: readonly CompactRow[], from: number | null): Outcome => ({
  events: events.length,
  rejections: world.rejections.map(rejectionJson),
  findings: evaluateFindings(world).map(findingView),
  certificates: Object.keys(world.ca.issued).length,
  timeline: rowsFrom(rows, from),
});

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

export const travelRoutes = (app: Hono, { registry }: RouteDeps, homeForUploads: string) => {
  const lab = (id: string) => registry.get(id);
  const edit = (l: OpenedLab, e: WhatIfEdit) => parseWhatIf(l.travel.context, wordsOf(e), 'what-if');

  app.post('/api/labs/:lab/what-if', limitBody(1024 * 1024), async (c) => {
    const l = await lab(c.req.param('lab'));
    const body = parseWith(whatIfBody, await jsonBody(c), 'what-if');
    const { result } = await decideAgain(l.travel.context, edit(l, body.edits[0]!));
    const divergesAt = result.divergedAt ?? null;
    const recorded = l.timeline.worldAt(l.source.events.length);
    return c.json({
      divergesAt,
      original: outcome(l.source.events, recorded, rowsOf(l), divergesAt),
      changed: outcome(result.lab.events, result.lab.world, compactRows(result.lab.events), divergesAt),
    } satisfies WhatIfAnswer);
  });

  app.post('/api/labs/:lab/fork', limitBody(1024 * 1024), async (c) => {
    const l = await lab(c.req.param('lab'));
    const body = parseWith(forkBody, await jsonBody(c), 'fork');
    const folder = join(l.entry.forkRoot, body.name);
    if (await exists(folder))
      refuse(
        409,
        'STUDIO_EXISTS',
        `fork: expected a name not yet used beside the lab, found ${body.name} already there; choose another name (nothing was overwritten)`,
      );
    const log = join(folder, 'lab.jsonl');
    await forkCommand(l.travel.context, [log, ...wordsOf(body.edits[0]!)]);
    const entry = registry.add(logEntry(log, l.entry.forkRoot));
    return c.json({ lab: await registry.info(entry) });
  });

  app.post('/api/open', limitBody(50 * 1024 * 1024), async (c) => {
    const entry = await registry.upload(await jsonBody(c), homeForUploads);
    return c.json({ lab: await registry.info(entry) });
  });
};
