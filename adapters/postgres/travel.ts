import { access } from 'node:fs/promises';
import { memoryKeyStore } from '../keystore/memory.ts';
import { referencesOf } from '../lab-copy.ts';
import { isFileLab, openLabByStore } from './lab-store.ts';
import { describeEvent } from '../travel/describe.ts';
import { openSource, TravelError, type LabSource } from '../travel/source.ts';
import { passphraseVariable } from './seal.ts';

/** `--store URL` (or `--store=URL`) and `--follow` taken out of travel's words; the rest as given. */
export const storeWords = (args: readonly string[]): { rest: string[]; store?: string; follow: boolean } => {
  const rest: string[] = [];
  let store: string | undefined;
  let follow = false;
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i]!;
    if (word === '--follow') follow = true;
    else if (word === '--store') {
      store = args[(i += 1)];
      if (store === undefined) throw new TravelError('--store expects a PostgreSQL URL after it, found nothing');
    } else if (word.startsWith('--store=')) store = word.slice('--store='.length);
    else rest.push(word);
  }
  return { rest, ...(store ? { store } : {}), follow };
};

/**
 * Opens a lab for travel: a file (`.jsonl` log or `.json` bundle) as before, or a lab in the store, read
 * whole with the keys and secrets its events refer to (copied into memory, as a bundle carries them; without
 * PKILAB_KEY_PASSPHRASE they stay sealed and what-if uses stand-ins).
 */
export const openTravelSource = async (path: string, store: string | undefined, onWarning: (w: string) => void): Promise<LabSource> => {
  if (isFileLab(path)) return openSource(path, onWarning);
  if (!store) {
    if (
      await access(path).then(
        () => true,
        () => false,
      )
    )
      return openSource(path, onWarning);
    throw new TravelError(
      `no file at ${path}; a lab log ends in .jsonl, an exported lab in .json, and a lab in a store needs --store postgres://… (or PKILAB_STORE)`,
    );
  }
  const lab = await openLabByStore(path, { store, onWarning });
  try {
    const events = await lab.ports.events.read(lab.labId);
    if (events.length === 0) throw new TravelError(`${lab.where} holds no events (is the name right?)`);
    const keys = memoryKeyStore();
    if (!process.env[passphraseVariable]) {
      onWarning(`${passphraseVariable} is not set: the keys of ${lab.where} stay sealed (what-if signs with stand-in keys)`);
      return { path: lab.where, events, keys, secrets: {} };
    }
    for (const ref of referencesOf(events).keys)
      if (await lab.ports.keys.has(ref)) await keys.put(ref, await lab.ports.keys.privateKey(ref));
    return { path: lab.where, events, keys, secrets: await lab.secrets() };
  } finally {
    await lab.close();
  }
};

/** Resolves on Ctrl-C (SIGINT) or SIGTERM: how a follower is stopped. */
export const untilInterrupted = (): Promise<void> =>
  new Promise((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });

/**
 * `travel <lab> --follow`: prints the lab's events, then each append as it commits (LISTEN/NOTIFY, no
 * polling), until interrupted. A lab cut back by another writer is said so.
 */
export const followTravel = async (
  path: string,
  store: string | undefined,
  out: (line: string) => void,
  stop: Promise<void>,
  warn: (line: string) => void = () => undefined,
): Promise<number> => {
  if (isFileLab(path) || !store)
    throw new TravelError(`--follow follows a lab in a store (LISTEN/NOTIFY); ${path} is not one: add --store postgres://… and a lab name`);
  const lab = await openLabByStore(path, { store });
  try {
    // A mistyped name would otherwise wait in silence.
    const empty = `${lab.where} holds no events yet (is the name right?): waiting for its first append; Ctrl-C stops`;
    if ((await lab.ports.events.version(lab.labId)) === 0) warn(empty);
    await new Promise<void>((done, fail) => {
      const subscription = lab.follow!().subscribe({
        next: (change) => {
          if (change.kind === 'truncated') out(`— cut back to position ${change.version} by another writer`);
          else for (const e of change.events) out(`${String(e.position).padStart(5)}  ${e.at}  ${describeEvent(e)}`);
        },
        error: fail,
      });
      void stop.then(() => (subscription.unsubscribe(), done()));
    });
  } finally {
    await lab.close();
  }
  return 0;
};
