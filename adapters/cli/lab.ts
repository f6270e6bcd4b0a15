import { basename, dirname, resolve } from 'node:path';
import { copyLab } from '../lab-copy.ts';
import { labFolder, openNewLab } from '../lab-files.ts';
import { createStoreLab, isFileLab, openLabByStore, storeOption } from '../postgres/lab-store.ts';
import { StoreError } from '../postgres/database.ts';
import { parseOptions } from './args.ts';
import type { Io } from './run.ts';

export const labHelp = `Usage: pkilab lab copy <FROM> <TO> [--store URL] [--force]

Copies a lab, with the private keys and secrets its events refer to, into a new lab. A name ending in
.jsonl is a lab on disk (keys/ beside it); any other name is a lab in the PostgreSQL store (--store, else
PKILAB_STORE), such as class1/student-01. So it moves labs between JSONL and PostgreSQL both ways; every
event is copied as the same JSON text, checked after the copy. The target must not exist yet, unless
--force is given: then the lab there is replaced (its events, keys and secrets are deleted first).

Examples:
  pkilab lab copy .pkilab/iis-web-server-certificate/lab.jsonl rehearsal/iis --store 'postgres://pkilab:pkilab@127.0.0.1:5432/pkilab?schema=readme' --force
  pkilab lab copy rehearsal/iis /tmp/iis-copy/lab.jsonl --store 'postgres://pkilab:pkilab@127.0.0.1:5432/pkilab?schema=readme' --force

Exit codes: 0 copied, 2 bad input (no such lab, target exists, no store, no passphrase).
`;

/** Opens the target of a copy as a new lab: a new JSONL lab (the folder must hold none) or a new lab in the store. */
const openTarget = async (to: string, store: string | undefined, force: boolean, warn: (w: string) => void) => {
  if (isFileLab(to)) {
    if (!to.endsWith('.jsonl'))
      throw new StoreError('STORE_LAB_NAME', `${to}: expected a lab log name ending in .jsonl, or a lab name in the store`);
    const writer = await openNewLab(labFolder(dirname(to), basename(to, '.jsonl')), 'pkilab lab copy', force ? 'force' : 'never', warn);
    return { ports: writer.ports, labId: writer.folder.labId, where: writer.folder.log, release: writer.release };
  }
  if (!store)
    throw new StoreError(
      'STORE_URL',
      `"${to}" names a lab in a store, but no store is given: add --store postgres://… (or set PKILAB_STORE)`,
    );
  const created = await createStoreLab(store, to, { force });
  return { ports: created.ports, labId: created.folder.labId, where: created.folder.log, release: created.release };
};

/** `pkilab lab copy`: a lab into a new lab, across stores. */
export const labCommand = async (args: string[], io: Io): Promise<number> => {
  const parsed = parseOptions(args, {
    store: { type: 'string' },
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (parsed.values.help) return (io.out(labHelp), 0);
  const [action, from, to, ...extra] = parsed.positionals;
  if (action !== 'copy' || !from || !to || extra.length > 0) {
    io.err(`pkilab lab: expected "copy <FROM> <TO>", found ${JSON.stringify(parsed.positionals.join(' '))} (pkilab help lab for usage)`);
    return 2;
  }
  const warn = (w: string) => io.err(`warning: ${w}`);
  const store = storeOption(parsed.values.store);
  const source = await openLabByStore(from, { store, onWarning: warn });
  try {
    const events = await source.ports.events.read(source.labId);
    if (events.length === 0) throw new StoreError('STORE_LAB_MISSING', `${source.where} holds no events (is the name right?)`);
    if (isFileLab(from) ? resolve(from) === resolve(to) : from === to)
      throw new StoreError('STORE_USAGE', `lab copy: expected two different labs, found ${from} twice`);
    const target = await openTarget(to, store, parsed.values.force, warn);
    try {
      await copyLab(source.ports, events, target.ports, target.labId);
      const copied = await target.ports.events.read(target.labId);
      const differs = copied.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(events[i]));
      if (copied.length !== events.length || differs >= 0)
        throw new StoreError('STORE_COPY_DIFFERS', `the copy in ${target.where} differs from ${source.where} at position ${differs + 1}`);
      io.out(`copied ${events.length} events from ${source.where} to ${target.where} (every event the same JSON text)`);
    } finally {
      await target.release();
    }
  } finally {
    await source.close();
  }
  return 0;
};
