import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { analysisRoutes } from './analysis-routes.ts';
import { requireToken } from './auth.ts';
import { chartRoute } from './chart-route.ts';
import { errorBody, StudioHttpError } from './errors.ts';
import type { LabRegistry } from './labs.ts';
import { liveRoutes } from './live.ts';
import { readRoutes, type RouteDeps } from './read-routes.ts';
import { staticRoutes } from './static.ts';
import { stepRoutes } from './step-routes.ts';
import { travelRoutes } from './travel-routes.ts';

interface AppOptions {
  readonly token: string;
  readonly registry: LabRegistry;
  readonly allowKeys: boolean;
  /** The built page (dist/studio). */
  readonly staticRoot: string;
  /** Where the forks of an uploaded bundle go (beside the first lab the studio was given). */
  readonly homeForUploads: string;
  readonly warn: (w: string) => void;
}

/** Codes of errors the existing ports throw for bad input or a busy lab, and the answer each gets. */
const known: Record<string, [400 | 404 | 409 | 422, string]> = {
  TRAVEL_INPUT: [400, 'STUDIO_BAD_REQUEST'],
  FINDINGS_INPUT: [400, 'STUDIO_BAD_REQUEST'],
  STEPPER_INPUT: [400, 'STUDIO_BAD_REQUEST'],
  INVALID_CHOICE: [400, 'STUDIO_BAD_REQUEST'],
  LAB_FOLDER_OCCUPIED: [409, 'STUDIO_EXISTS'],
  EVENTSTORE_LOCKED: [409, 'STUDIO_LAB_BUSY'],
  EVENTSTORE_VERSION_CONFLICT: [409, 'STUDIO_LAB_BUSY'],
  EVENTSTORE_LOCK_LOST: [409, 'STUDIO_LAB_BUSY'],
  EVENTSTORE_CORRUPT_LOG: [422, 'STUDIO_LAB_UNREADABLE'],
};

/** The studio's HTTP app: the token on every route, the API of adapters/studio/api.ts, then the page. */
export const studioApp = (options: AppOptions): Hono => {
  const app = new Hono();
  const deps: RouteDeps = { registry: options.registry, allowKeys: options.allowKeys, warn: options.warn };
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin', referrerPolicy: 'no-referrer' }));
  app.use('*', requireToken(options.token));
  readRoutes(app, deps);
  analysisRoutes(app, deps);
  travelRoutes(app, deps, options.homeForUploads);
  stepRoutes(app, deps);
  chartRoute(app, deps);
  liveRoutes(app, deps);
  app.all('/api/*', (c) =>
    c.json(
      errorBody(
        'STUDIO_NOT_FOUND',
        `expected a route of the studio's API (adapters/studio/api.ts), found ${c.req.method} ${c.req.path.slice(0, 120)}`,
      ),
      404,
    ),
  );
  staticRoutes(app, options.staticRoot);
  app.onError((error, c) => {
    if (error instanceof StudioHttpError) return c.json(errorBody(error.code, error.message), error.status);
    const code = (error as { code?: unknown }).code;
    const mapped = typeof code === 'string' ? known[code] : undefined;
    if (mapped) return c.json(errorBody(mapped[1], error.message), mapped[0]);
    options.warn(`internal error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return c.json(errorBody('STUDIO_INTERNAL', `the studio failed on this request (${error.message})`), 500);
  });
  return app;
};
