import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { studioApp } from './app.ts';
import { newToken } from './auth.ts';
import { labRegistry, labsIn, StudioInputError, type LabEntry } from './labs.ts';
import { storeLabs } from './store-labs.ts';

interface StudioOptions {
  /** Lab logs, exported bundles or folders of labs: everything the studio may read (and fork beside). */
  readonly inputs: readonly string[];
  /** A PostgreSQL store: `storeLabs` are prefixes of its lab names (none: every lab of it). */
  readonly store?: string | undefined;
  readonly storeLabs?: readonly string[];
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

/** The labs the inputs and the store hold; a path or prefix that holds none is bad input. */
const labsOf = async (options: StudioOptions, fromStore: { entries: LabEntry[] } | undefined): Promise<LabEntry[]> => {
  const entries = [...(await Promise.all(options.inputs.map(labsIn))).flat(), ...(fromStore?.entries ?? [])];
  if (entries.length > 0) return entries;
  const given = [...options.inputs, ...(options.storeLabs ?? []).map((p) => `${p}* in the store`)].join(', ') || 'the store';
  throw new StudioInputError(
    `${given}: expected lab logs (.jsonl), exported labs (.json), folders holding them or labs in the store, found none`,
  );
};

const listen = (app: ReturnType<typeof studioApp>, port: number, hostname: string) =>
  new Promise<ReturnType<typeof serve>>((ready, fail) => {
    const s = serve({ fetch: app.fetch, port, hostname }, () => ready(s));
    s.once('error', fail);
  });

/** Starts the studio on host:port (127.0.0.1 and a free port by default) over the labs the inputs (and the store) hold. */
export const startStudio = async (options: StudioOptions): Promise<RunningStudio> => {
  const fromStore = options.store ? await storeLabs(options.store, options.storeLabs ?? [], options.warn) : undefined;
  try {
    const entries = await labsOf(options, fromStore);
    const token = options.token ?? newToken();
    const host = options.host ?? '127.0.0.1';
    const app = studioApp({
      token,
      registry: labRegistry(entries, options.warn, fromStore?.access),
      allowKeys: Boolean(options.allowKeys),
      staticRoot: options.staticRoot,
      homeForUploads: entries[0]?.forkRoot ?? process.cwd(),
      warn: options.warn,
    });
    const server = await listen(app, options.port ?? 0, host);
    const origin = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
    const close = () =>
      new Promise<void>((done) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => done());
      }).then(() => fromStore?.access.close());
    return { url: `${origin}/?token=${token}`, origin, token, labs: entries, close };
  } catch (error) {
    await fromStore?.access.close();
    throw error;
  }
};
