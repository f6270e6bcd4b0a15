import type { Context, Hono } from 'hono';
import type { BisectAnswer, DiffAnswer, TimelineAnswer, WhyAnswer, WorldAnswer } from '../api.ts';
import { atQuery, bisectQuery, diffQuery, exportQuery, timelineQuery, whyQuery } from '../api.ts';
import { bundleOf } from '../../travel/source.ts';
import type { Change } from '../../../projections/index.ts';
import type { Finding } from '../../../domain/index.ts';
import { certificateAnswer } from './certificate.ts';
import { parseWith, refuse } from './errors.ts';
import { findingsAt, findingsCsv, findingView } from './findings.ts';
import type { LabRegistry, OpenedLab } from './labs.ts';
import { proceduresAnswer } from './procedures.ts';
import { compactRows, timelinePage } from './timeline.ts';
import { issuedByThumbprint, worldView } from './world.ts';

export interface RouteDeps { readonly registry: LabRegistry; readonly allowKeys: boolean; readonly warn: (w: string) => void }

const rowsCache = new WeakMap<OpenedLab, ReturnType<typeof compactRows>>();
/** The compact rows of a lab as read (computed once per read of its log). */
export const rowsOf = (lab: OpenedLab) => {
  let rows = rowsCache.get(lab);
  if (!rows) rowsCache.set(lab, (rows = compactRows(lab.source.events)));
  return rows;
};

const query = (c: Context) => c.req.query();

/** A position of the lab from the query (default: its end), or 400 naming the range. */
export const positionIn = (lab: OpenedLab, at: number | undefined, what = 'at'): number => {
  const last = lab.source.events.length;
  if (at === undefined) return last;
  return at > last ? refuse(400, 'STUDIO_BAD_REQUEST', `${what}: expected a position from 0 to ${last}, found ${at}`) : at;
};

/** The JSON output of a travel command, run on the lab's session. */
const travel = async (lab: OpenedLab, words: string[]) => (await lab.travel.runWords(words)).json as Record<string, unknown>;

export const readRoutes = (app: Hono, { registry, allowKeys }: RouteDeps) => {
  const lab = (c: Context) => registry.get(c.req.param('lab') ?? '');

  app.get('/api/labs', async (c) => c.json({ labs: await Promise.all(registry.list().map((e) => registry.info(e))) }));
  app.get('/api/procedures', (c) => c.json(proceduresAnswer()));

  app.get('/api/labs/:lab/timeline', async (c) => {
    const q = parseWith(timelineQuery, query(c), 'timeline');
    const l = await lab(c);
    return c.json(timelinePage(l.source.events, rowsOf(l), q, l.travel.context.json) satisfies TimelineAnswer);
  });

  app.get('/api/labs/:lab/world', async (c) => {
    const l = await lab(c);
    const position = positionIn(l, parseWith(atQuery, query(c), 'world').at);
    const world = l.travel.timeline.worldAt(position);
    return c.json({ position, at: world.now, world: worldView(world) } satisfies WorldAnswer);
  });

  app.get('/api/labs/:lab/certificate/:thumbprint', async (c) => {
    const thumbprint = c.req.param('thumbprint').toUpperCase();
    if (!/^[0-9A-F]{40}$/.test(thumbprint)) refuse(400, 'STUDIO_BAD_REQUEST', `certificate: expected a SHA-1 thumbprint (40 hex digits), found ${JSON.stringify(thumbprint.slice(0, 60))}`);
    const l = await lab(c);
    const issued = issuedByThumbprint(l.travel.timeline.worldAt(l.source.events.length), thumbprint);
    return issued ? c.json(certificateAnswer(issued)) : refuse(404, 'STUDIO_NOT_FOUND', `certificate: no certificate ${thumbprint} was issued in this lab`);
  });

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
    const out = await travel(l, ['diff', String(from), String(to)]);
    const provenance = l.travel.timeline.worldAt(Math.max(from, to)).provenance;
    const changes = (out.changes as Change[]).map((ch) => ({
      ...ch, positions: (provenance[ch.entity] ?? []).filter((p) => p > Math.min(from, to) && p <= Math.max(from, to)),
    }));
    return c.json({ from, to, changes } satisfies DiffAnswer);
  });

  const findings = async (c: Context) => {
    const l = await lab(c);
    const position = positionIn(l, parseWith(atQuery, query(c), 'findings').at);
    return findingsAt(l.travel.timeline, l.source.events, rowsOf(l), position, l.travel.context.json);
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
    return c.json({ finding: findingView(out.finding as Finding), introducedAt: position, event: out.event, before: position - 1, after: position } as BisectAnswer);
  });

  app.get('/api/labs/:lab/export', async (c) => {
    const q = parseWith(exportQuery, query(c), 'export');
    if (q.keys === '1' && !allowKeys) refuse(403, 'STUDIO_KEYS_REFUSED', 'export: keys=1 needs the studio started with --allow-keys (private keys never leave it otherwise); found it started without');
    const l = await lab(c);
    const bundle = await bundleOf(l.source, { to: positionIn(l, q.to, 'to'), withKeys: q.keys === '1' });
    c.header('content-disposition', `attachment; filename="${l.entry.name.replace(/[^A-Za-z0-9._-]/g, '_')}.json"`);
    return c.json(bundle);
  });
};
