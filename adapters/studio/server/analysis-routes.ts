import type { Context, Hono } from 'hono';
import type { Finding } from '../../../domain/index.ts';
import type { Change } from '../../../projections/index.ts';
import { atQuery, bisectQuery, diffQuery, whyQuery, type BisectAnswer, type DiffAnswer, type WhyAnswer } from '../api.ts';
import { parseWith, refuse } from './errors.ts';
import { findingsAt, findingsCsv, findingView } from './findings.ts';
import type { OpenedLab } from './labs.ts';
import { positionIn, query, rowsOf, type RouteDeps } from './read-routes.ts';

/** The JSON output of a travel command, run on the lab's session. */
const travel = async (lab: OpenedLab, words: string[]) => (await lab.travel.runWords(words)).json as Record<string, unknown>;

/** Why, diff, findings (JSON, CSV) and bisect: the travel session's answers in the contract's shapes. */
export const analysisRoutes = (app: Hono, { registry }: RouteDeps) => {
  const lab = (c: Context) => registry.get(c.req.param('lab') ?? '');

  app.get('/api/labs/:lab/why', async (c) => {
    const { entity } = parseWith(whyQuery, query(c), 'why');
    const out = await travel(await lab(c), ['why', entity]);
    return c.json({ entity, events: out.events } as WhyAnswer);
  });

  app.get('/api/labs/:lab/diff', async (c) => {
    const { from, to } = parseWith(diffQuery, query(c), 'diff');
    const l = await lab(c);
    positionIn(l, from, 'from');
    positionIn(l, to, 'to');
    if (to < from) refuse(400, 'STUDIO_BAD_REQUEST', `diff to: expected a position from ${from} (the from position) on, found ${to}`);
    const out = await travel(l, ['diff', String(from), String(to)]);
    const provenance = l.timeline.worldAt(Math.max(from, to)).provenance;
    const changes = (out.changes as Change[]).map((ch) => ({
      ...ch,
      positions: (provenance[ch.entity] ?? []).filter((p) => p > Math.min(from, to) && p <= Math.max(from, to)),
    }));
    return c.json({ from, to, changes } satisfies DiffAnswer);
  });

  const findings = async (c: Context) => {
    const l = await lab(c);
    const position = positionIn(l, parseWith(atQuery, query(c), 'findings').at);
    return findingsAt(l.timeline, l.source.events, rowsOf(l), position, l.travel.context.json);
  };
  app.get('/api/labs/:lab/findings', async (c) => c.json(await findings(c)));
  app.get('/api/labs/:lab/findings.json', async (c) => c.json((await findings(c)).open));
  app.get('/api/labs/:lab/findings.csv', async (c) => {
    c.header('content-type', 'text/csv; charset=utf-8');
    return c.body(findingsCsv((await findings(c)).open));
  });

  app.get('/api/labs/:lab/bisect', async (c) => {
    const { finding } = parseWith(bisectQuery, query(c), 'bisect');
    const out = await travel(await lab(c), ['bisect', finding]);
    const position = out.position as number;
    return c.json({
      finding: findingView(out.finding as Finding),
      introducedAt: position,
      event: out.event,
      before: position - 1,
      after: position,
    } as BisectAnswer);
  });
};
