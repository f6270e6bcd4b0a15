import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isFileLab, storeOption } from '../postgres/lab-store.ts';
import { StudioInputError } from '../studio/server/labs.ts';
import { startStudio, type RunningStudio } from '../studio/server/index.ts';
import { parseOptions, usageFailure } from './args.ts';
import type { Io } from './run.ts';
import { pkilabRoot } from './version.ts';

export const studioHelp = `Usage: pkilab studio [lab.jsonl | bundle.json | folder-of-labs | PREFIX ...] [--store URL] [--port N] [--host ADDRESS]
                     [--open] [--allow-keys] [--check]

Time travel and stepping in the browser: the timeline, the world at any position, diffs, findings with bisect,
what-if with forks, the procedure charts and the stepper, over the labs given (a folder holds lab folders and
exported bundles, one level down). Prints its URL with a random token (as Jupyter does): every request needs
it, the first page load turns it into a cookie. Labs are named by ids the studio gives, never by paths; forks
are written as new lab folders beside the given labs and never replace one; steps append to a lab's log under
its writer lock, as pkilab step does. No private key leaves the studio unless --allow-keys.

Options:
  --port N        the port (default: one the system picks)
  --host ADDRESS  where to listen (default 127.0.0.1, loopback only)
  --open          open the URL in the browser (xdg-open); nothing is opened otherwise
  --allow-keys    let export include private keys and PFX passwords (keys=1)
  --store URL     also serve labs of a PostgreSQL store (or PKILAB_STORE), read-only and followed live: the
                  words that name no file are prefixes of lab names (class1/); none: every lab of the store
  --check         start, ask /api/labs with the token, print OK and the labs, stop

Examples:
  pkilab studio .pkilab/iis-no-restart
  pkilab studio .pkilab --check

Exit codes: 0 stopped (or the check answered), 1 the check failed, 2 bad input.
`;

const stopped = (studio: RunningStudio): Promise<void> =>
  new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void studio.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The words naming files or folders (labs on disk), and with a store the others: prefixes of its labs' names. */
const labArguments = async (words: readonly string[], storeFlag: string | undefined) => {
  const store = storeOption(storeFlag);
  const onDisk = await Promise.all(words.map(async (w) => isFileLab(w) || (await exists(w))));
  if (!store) return { store, inputs: words.length ? [...words] : ['.pkilab'], storeLabs: [] };
  return { store, inputs: words.filter((_, i) => onDisk[i]), storeLabs: words.filter((_, i) => !onDisk[i]) };
};

/** --check: /api/labs asked once with the token; OK and the labs it lists. */
const check = async (studio: RunningStudio, io: Io): Promise<number> => {
  try {
    const answer = await fetch(`${studio.origin}/api/labs`, { headers: { authorization: `Bearer ${studio.token}` } });
    const body = (await answer.json()) as { labs?: { name: string; events: number }[] };
    if (!answer.ok || !body.labs) return (io.err(`pkilab studio --check: /api/labs answered ${answer.status}`), 1);
    io.out(`OK: /api/labs answered with ${body.labs.map((l) => `${l.name} (${l.events} events)`).join(', ')}`);
    return 0;
  } finally {
    await studio.close();
  }
};

/** `pkilab studio`: the studio's server over the given labs, until Ctrl-C (or one probe with --check). */
export const studioCommand = async (args: string[], io: Io): Promise<number> => {
  let parsed;
  try {
    parsed = parseOptions(args, {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      open: { type: 'boolean' },
      'allow-keys': { type: 'boolean' },
      check: { type: 'boolean' },
      store: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
  } catch (error) {
    return usageFailure(io, 'studio', error, args);
  }
  if (parsed.values.help) return (io.out(studioHelp), 0);
  const port = parsed.values.port === undefined ? 0 : Number(parsed.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new StudioInputError(`--port: expected a port from 0 to 65535, found ${parsed.values.port}`);
  const { store, inputs, storeLabs } = await labArguments(parsed.positionals, parsed.values.store);
  const root = pkilabRoot()?.dir ?? process.cwd();
  const studio = await startStudio({
    inputs,
    store,
    storeLabs,
    port,
    host: parsed.values.host,
    allowKeys: Boolean(parsed.values['allow-keys']),
    staticRoot: join(root, 'dist', 'studio'),
    warn: (w) => io.err(`warning: ${w}`),
  }).catch((error: NodeJS.ErrnoException) => {
    if (['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND'].includes(error.code ?? ''))
      throw new StudioInputError(`cannot listen on ${parsed.values.host} port ${port}: ${error.message}`);
    throw error;
  });
  if (!/^(127\.|::1$|localhost$)/.test(parsed.values.host)) {
    io.err(`warning: listening on ${parsed.values.host}, not loopback: anyone who can reach it and learns the token can read the labs`);
  }
  io.out(`pkilab studio: ${studio.url}`);
  io.out(`  ${studio.labs.length} lab(s): ${studio.labs.map((l) => l.name).join(', ')}`);
  if (parsed.values.check) return check(studio, io);
  if (parsed.values.open)
    spawn('xdg-open', [studio.url], { stdio: 'ignore', detached: true })
      .on('error', (e) => io.err(`warning: --open: ${e.message}`))
      .unref();
  io.out('Ctrl-C stops the studio.');
  await stopped(studio);
  return 0;
};
