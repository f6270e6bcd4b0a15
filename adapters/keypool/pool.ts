import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureFolder, modes } from '../files/atomic.ts';
import { createKeyFile } from '../keystore/key-file.ts';
import { fromPem } from '../keystore/rsa.ts';

/** RSA private keys made ahead of time, each handed out once and then gone from the pool. */
export interface KeyPool {
  readonly folder: string;
  /** A base64 PKCS#8 RSA key of `size` bits, removed from the pool; undefined when the pool has none. */
  take(size: number): Promise<string | undefined>;
  /**
   * Moves a key of `size` bits out of the pool to the new file `target` (its file linked there: no copy, no new
   * fsync of its bytes, which were made durable when the key was added) and resolves to it (base64 PKCS#8);
   * undefined when the pool has none. Rejects with EEXIST, the key discarded, when `target` exists.
   */
  place(size: number, target: string): Promise<string | undefined>;
  /** Adds a freshly generated key (base64 PKCS#8). */
  add(size: number, pkcs8: string): Promise<void>;
  /** How many keys the pool holds, by size in bits. */
  count(): Promise<Record<number, number>>;
  /** Removes the claims that a process died holding (keys it took but never read); resolves to how many. */
  sweep(isAlive?: (pid: number) => boolean): Promise<number>;
}

const sizeFolder = (size: number) => `rsa-${size}`;
const claimed = /^\.claimed-(\d+)-/;
const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';
const list = (folder: string) => readdir(folder).catch((error) => (missing(error) ? [] : Promise.reject(error)));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The names of the keys waiting in one size's folder (claimed ones excluded). */
const keysIn = async (sizeDir: string): Promise<string[]> => (await list(sizeDir)).filter((n) => n.endsWith('.key'));

/**
 * Takes the key file `name` in `sizeDir` by renaming it to a name only this process knows, then hands its path and
 * key to `use` and deletes it; undefined when another process took it first. The rename, read, link and unlink are
 * calls that wait for nothing but the folder's own entries (no fsync), so they are made synchronously: on a busy
 * machine each trip through the thread pool cost more than the call (about 1.3 ms each at load 24).
 */
const claim = async <T>(sizeDir: string, name: string, use: (path: string, pkcs8: string) => Promise<T>): Promise<T | undefined> => {
  const to = join(sizeDir, `.claimed-${process.pid}-${randomUUID()}`);
  try {
    renameSync(join(sizeDir, name), to);
  } catch (error) {
    if (missing(error)) return undefined; // another process took it first
    throw error;
  }
  try {
    return await use(to, fromPem(readFileSync(to, 'utf8')));
  } finally {
    unlinkSync(to);
  }
};

/** Links a claimed key file at `target`; across file systems (EXDEV) the key is written there as a new file. */
const linkKey = async (claimed: string, pkcs8: string, target: string): Promise<string> => {
  try {
    linkSync(claimed, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await createKeyFile(target, pkcs8);
  }
  return pkcs8;
};

/**
 * A key pool in a folder (0700): one PEM file per key (0600) under rsa-<size>/. Taking a key renames its file
 * to a name that only the taker knows, an atomic step that exactly one process wins, so two processes never
 * get the same key; the taker reads it and deletes it. A key claimed by a process that then died stays
 * claimed (never handed out again) until `sweep` deletes it.
 */
export const folderKeyPool = (folder: string): KeyPool => {
  /** Names seen by the last listing of each size, so that taking many keys does not list the folder each time. */
  const seen = new Map<number, string[]>();
  /** Claims one key of `size` (listing the folder again only when the names seen last are used up) and uses it. */
  const draw = async <T>(size: number, use: (path: string, pkcs8: string) => Promise<T>): Promise<T | undefined> => {
    for (let listed = false; ; listed = true) {
      const names = seen.get(size) ?? [];
      while (names.length > 0) {
        // A random name (swapped with the last and popped): processes taking at once rarely race for one file.
        const at = Math.floor(Math.random() * names.length);
        [names[at], names[names.length - 1]] = [names[names.length - 1]!, names[at]!];
        const found = await claim(join(folder, sizeFolder(size)), names.pop()!, use);
        if (found !== undefined) return found;
      }
      if (listed) return undefined;
      seen.set(size, await keysIn(join(folder, sizeFolder(size))));
    }
  };
  return {
    folder,
    take: (size) => draw(size, async (_, pkcs8) => pkcs8),
    place: (size, target) => draw(size, (claimed, pkcs8) => linkKey(claimed, pkcs8, target)),
    async add(size, pkcs8) {
      await ensureFolder(folder, modes.secretFolder);
      const name = `${Date.now().toString(36)}-${randomUUID()}.key`;
      await createKeyFile(join(folder, sizeFolder(size), name), pkcs8);
    },
    async count() {
      const counts: Record<number, number> = {};
      for (const entry of await list(folder)) {
        const size = Number(/^rsa-(\d+)$/.exec(entry)?.[1]);
        if (size) counts[size] = (await keysIn(join(folder, entry))).length;
      }
      return counts;
    },
    async sweep(isAlive = alive) {
      let swept = 0;
      for (const entry of await list(folder)) {
        if (!/^rsa-\d+$/.test(entry)) continue;
        for (const name of await list(join(folder, entry))) {
          const pid = Number(claimed.exec(name)?.[1]);
          if (!pid || isAlive(pid)) continue;
          await unlink(join(folder, entry, name)).then(
            () => (swept += 1),
            (error) => (missing(error) ? undefined : Promise.reject(error)),
          );
        }
      }
      return swept;
    },
  };
};
