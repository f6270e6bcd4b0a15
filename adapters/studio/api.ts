/**
 * The HTTP contract between the studio's server (adapters/studio/server/) and its page (adapters/studio/web/):
 * the shape of every answer (api/answers.ts, api/world.ts) and the zod schemas the server checks every request
 * against (api/requests.ts). Types and schemas only, no IO. Positions count events from 1; position N is the
 * world after event N, 0 the world before the first. Every error answers `{ ok: false, error: { code, message } }`
 * with a 4xx status (5xx for the server's own faults).
 */
export type { EventJson } from '../json-shapes.ts';
export type * from './api/answers.ts';
export type * from './api/world.ts';
export * from './api/requests.ts';
