import { openStore, storeOption } from '../postgres/lab-store.ts';
import { StoreError } from '../postgres/database.ts';
import { parseOptions } from './args.ts';
import type { Io } from './run.ts';

export const labsHelp = `Usage: pkilab labs [PREFIX] [--store URL] [--json]

Lists the labs of a PostgreSQL store (all, or those whose name starts with PREFIX, such as class1/):
name, events, and the last change (the server's clock). The store is --store, else PKILAB_STORE.

Examples:
  pkilab labs --store 'postgres://pkilab:pkilab@127.0.0.1:5432/pkilab?schema=readme'
  PKILAB_STORE='postgres://pkilab:pkilab@127.0.0.1:5432/pkilab?schema=readme' pkilab labs class1/ --json

Exit codes: 0 listed, 2 bad input or no store.
`;

/** The store a command was given, or a clear refusal: these commands only make sense with one. */
export const requireStore = (flag: string | undefined, command: string): string => {
  const store = storeOption(flag);
  if (!store)
    throw new StoreError(
      'STORE_URL',
      `${command}: expected --store postgres://… (or PKILAB_STORE), found neither; labs on disk are listed by their folders`,
    );
  return store;
};

/** `pkilab labs`: the labs of a store. */
export const labsCommand = async (args: string[], io: Io): Promise<number> => {
  const parsed = parseOptions(args, {
    store: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (parsed.values.help) return (io.out(labsHelp), 0);
  if (parsed.positionals.length > 1) {
    const found = JSON.stringify(parsed.positionals.join(' '));
    throw new StoreError('STORE_USAGE', `labs: expected one PREFIX at most, found ${found} (pkilab help labs for usage)`);
  }
  const store = await openStore(requireStore(parsed.values.store, 'labs'));
  try {
    const labs = await store.list(parsed.positionals[0] ?? '');
    if (parsed.values.json) io.out(JSON.stringify({ store: store.shown, labs }, null, 2));
    else {
      io.out(`${labs.length} lab(s) in ${store.shown}`);
      const width = Math.max(4, ...labs.map((l) => l.lab.length));
      for (const l of labs) io.out(`  ${l.lab.padEnd(width)}  ${String(l.version).padStart(6)} events  last change ${l.updated}`);
    }
    return 0;
  } finally {
    await store.close();
  }
};
