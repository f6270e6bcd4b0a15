import type { Context, Hono } from 'hono';
import type { TimelineAnswer, WorldAnswer, WorldSectionsAnswer } from '../api.ts';
import { exportQuery, timelineQuery, worldQuery } from '../api.ts';
import { bundleOf } from '../../travel/source.ts';
import { certificateAnswer } from './certificate.ts';
import { parseWith, refuse } from './errors.ts';
import type { LabRegistry, OpenedLab } from './labs.ts';
import { proceduresAnswer } from './procedures.ts';
import { compactRows, timelinePage } from './timeline.ts';
import { issuedByThumbprint, worldView, type WorldSection } from './world.ts';

export interface RouteDeps {
  readonly registry: LabRegistry;
  readonly allowKeys: boolean;
  readonly warn: (w: string) => void;
}

const rowsCache = new WeakMap<OpenedLab, ReturnType<typeof compactRows>>();
/** The compact rows of a lab as read (computed once per read of its log). */
export const rowsOf = (lab: OpenedLab) => {
  let rows = rowsCache.get(lab);
  if (!rows) rowsCache.set(lab, (rows = compactRows(lab.source.events)));
  return rows;
};

export const query = (c: Context) => c.req.query();

/** A position of the lab from the query (default: its end), or 400 naming the range. */
export const positionIn = (lab: OpenedLab, at: number | undefined, what = 'at'): number => {
  const last = lab.source.events.length;
  if (at === undefined) return last;
  return at > last ? refuse(400, 'STUDIO_BAD_REQUEST', `${what}: expected a position from 0 to ${last}, found ${at}`) : at;
};

/** The labs, the procedures, and a lab's timeline, world, certificates and export. */
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
    const q = parseWith(worldQuery, query(c), 'world');
    const position = positionIn(l, q.at);
    const world = l.timeline.worldAt(position);
    return c.json({
      position,
      at: world.now,
      world: worldView(world, q.sections?.split(',') as WorldSection[] | undefined),
    } satisfies WorldAnswer | WorldSectionsAnswer);
  });

  app.get('/api/labs/:lab/certificate/:thumbprint', async (c) => {
    const thumbprint = c.req.param('thumbprint').toUpperCase();
    if (!/^[0-9A-F]{40}$/.test(thumbprint))
      refuse(
        400,
        'STUDIO_BAD_REQUEST',
        `certificate: expected a SHA-1 thumbprint (40 hex digits), found ${JSON.stringify(thumbprint.slice(0, 60))}`,
      );
    const l = await lab(c);
    const issued = issuedByThumbprint(l.timeline.worldAt(l.source.events.length), thumbprint);
    return issued
      ? c.json(certificateAnswer(issued))
      : refuse(404, 'STUDIO_NOT_FOUND', `certificate: no certificate ${thumbprint} was issued in this lab`);
  });

  app.get('/api/labs/:lab/export', async (c) => {
    const q = parseWith(exportQuery, query(c), 'export');
    if (q.keys === '1' && !allowKeys)
      refuse(
        403,
        'STUDIO_KEYS_REFUSED',
        'export: keys=1 needs the studio started with --allow-keys (private keys never leave it otherwise); found it started without',
      );
    const l = await lab(c);
    const bundle = await bundleOf(l.source, { to: positionIn(l, q.to, 'to'), withKeys: q.keys === '1' });
    // A range is named as one, so a lab saved up to a position is not taken for the whole lab.
    const range = q.to !== undefined && bundle.events.length < l.source.events.length ? `-to-${bundle.events.length}` : '';
    c.header('content-disposition', `attachment; filename="${l.entry.name.replace(/[^A-Za-z0-9._-]/g, '_')}${range}.json"`);
    return c.json(bundle);
  });
};
