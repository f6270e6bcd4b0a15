import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { openStore } from '../../postgres/lab-store.ts';
import { localFolderOf, type PostgresStore } from '../../postgres/store.ts';
import { openTravelSource } from '../../postgres/travel.ts';
import type { LabEntry, StoreAccess } from './labs.ts';

/**
 * The labs of a store whose names start with one of `prefixes` (every lab when none is given), read-only: stepping
 * on a store's lab is `pkilab step --store`. A fork of one is a lab folder beside its local folder (.pkilab/store/…).
 */
export const storeLabs = async (spec: string, prefixes: readonly string[], warn: (w: string) => void) => {
  const store: PostgresStore = await openStore(spec, warn);
  try {
    const found = (await Promise.all((prefixes.length ? prefixes : ['']).map((p) => store.list(p)))).flat();
    const names = [...new Set(found.map((l) => l.lab))].sort();
    const entries: LabEntry[] = names.map((name) => ({
      id: `lab-${createHash('sha256').update(`store:${store.shown}#${name}`).digest('base64url').slice(0, 12)}`,
      name,
      kind: 'store',
      storeName: name,
      forkRoot: resolve(dirname(localFolderOf(name))),
      writable: false,
    }));
    const access: StoreAccess = {
      version: (name) => store.events.version(name),
      source: (name) => openTravelSource(name, spec, warn),
      follow: (name) => store.follow(name),
      close: () => store.close(),
    };
    return { entries, access };
  } catch (error) {
    await store.close();
    throw error;
  }
};
