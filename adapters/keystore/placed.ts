import { ensureFolder, modes, syncFolder } from '../files/atomic.ts';
import type { KeySource } from './key-source.ts';

/** What placing a key under a path gave: its public half, 'exists' when the file was there, undefined when the source had none. */
type Placed = string | 'exists' | undefined;

/**
 * Keys a source places into `folder` itself (pool files, fsynced when they were made: only the folder's new entry
 * needs flushing). Each placement fsyncs the folder, unless `deferSync`: then `flush` does it once for all the keys
 * placed since, and whoever appends events naming those keys calls it first.
 */
export const keyPlacer = (folder: string, source: KeySource, deferSync: boolean) => {
  let ready: Promise<void> | undefined;
  let unsynced = false;
  const flush = async () => {
    if (!unsynced) return;
    unsynced = false;
    await syncFolder(folder).catch((error) => ((unsynced = true), Promise.reject(error)));
  };
  const place = async (size: number, path: string): Promise<Placed> => {
    if (!source.place) return undefined;
    ready ??= ensureFolder(folder, modes.secretFolder).catch((error) => ((ready = undefined), Promise.reject(error)));
    await ready;
    try {
      const key = await source.place(size, path);
      if (key) {
        unsynced = true;
        if (!deferSync) await flush();
      }
      return key?.spki;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
      throw error;
    }
  };
  return { place, flush };
};
