import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { studioApp } from './app.ts';
import { newToken } from './auth.ts';
import { labRegistry, labsIn, StudioInputError, type LabEntry } from './labs.ts';

export interface StudioOptions {
  /** Lab logs, exported bundles or folders of labs: everything the studio may read (and fork beside). */
  readonly inputs: readonly string[];
  readonly port?: number;
  readonly host?: string;
  readonly allowKeys?: boolean;
  readonly staticRoot: string;
  readonly token?: string;
  readonly warn: (w: string) => void;
}

export interface RunningStudio {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly labs: readonly LabEntry[];
  close(): Promise<void>;
}

/** Starts the studio on host:port (127.0.0.1 and a free port by default) over the labs the inputs hold. */
export const startStudio = async (options: StudioOptions): Promise<RunningStudio> => {
  const entries = (await Promise.all(options.inputs.map(labsIn))).flat();
  if (entries.length === 0)
    throw new StudioInputError(
      `${options.inputs.join(', ')}: expected lab logs (.jsonl), exported labs (.json) or folders holding them, found none`,
    );
  const registry = labRegistry(entries, options.warn);
  const token = options.token ?? newToken();
  const host = options.host ?? '127.0.0.1';
  const home = entries[0]?.forkRoot ?? process.cwd();
  const app = studioApp({
    token,
    registry,
    allowKeys: Boolean(options.allowKeys),
    staticRoot: options.staticRoot,
    homeForUploads: home,
    warn: options.warn,
  });
  const server = await new Promise<ReturnType<typeof serve>>((ready, fail) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () => ready(s));
    s.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    labs: entries,
    close: () =>
      new Promise<void>((done) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => done());
      }),
  };
};
