import type { Hono } from 'hono';
import { findProcedure } from '../../../workflows/index.ts';
import { atQuery, type ChartAnswer } from '../api.ts';
import { chartOf, mermaid } from '../../charts/index.ts';
import { parseWith, refuse } from './errors.ts';
import { positionIn, type RouteDeps } from './read-routes.ts';

/** `GET /api/labs/:lab/chart/:procedure?at=N`: the procedure's machine drawn from its definition, lit where the lab stands at N. */
export const chartRoute = (app: Hono, { registry }: RouteDeps) => {
  app.get('/api/labs/:lab/chart/:procedure', async (c) => {
    const id = c.req.param('procedure');
    const procedure =
      findProcedure(id) ??
      refuse(404, 'STUDIO_NOT_FOUND', `chart: expected a procedure of GET /api/procedures, found ${JSON.stringify(id.slice(0, 80))}`);
    const lab = await registry.get(c.req.param('lab'));
    const at = positionIn(lab, parseWith(atQuery, c.req.query(), 'chart').at);
    const chart = chartOf(procedure, lab.source.events.slice(0, at));
    return c.json({
      procedure: procedure.id,
      mermaid: mermaid(chart),
      nodes: chart.nodes.map(({ id: node, label, phase, status }) => ({ id: node, label, phase, status })),
      edges: chart.edges.map((e) => ({ ...e })),
    } satisfies ChartAnswer);
  });
};
