import { readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import lockfile from 'proper-lockfile';
import { eventStoreError } from '../../workflows/index.ts';
import { modes, writeFileAtomic } from '../files/atomic.ts';

/** Who holds a lab's writer lock, as written beside it for the next process to read. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
  /** The inode of the lock folder this holder made: a holder file left by an earlier lock does not count. */
  readonly lock: number;
}

/** The exclusive right to write one lab log, held by one process for as long as it writes. */
export interface WriterLock {
  readonly log: string;
  /** Throws EVENTSTORE_LOCK_LOST when another process took the lock away (ours went stale). */
  assertHeld(): void;
  release(): Promise<void>;
}

const lockPath = (log: string) => `${log}.lock`;
const holderPath = (log: string) => `${log}.lock-holder`;

const readHolder = async (log: string): Promise<LockHolder | undefined> =>
  readFile(holderPath(log), 'utf8').then(
    (text) => JSON.parse(text) as LockHolder,
    () => undefined,
  );

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * How old a lock with no holder's name may be before it is stale. A live writer names itself milliseconds
 * after it makes the lock folder, so a nameless lock older than this was left by a process killed in between.
 */
const unknownHolderStaleMs = 3_000;

/**
 * Whether the lock in place is stale: its holder (the one that made this very lock folder) was a process
 * of this machine that no longer runs, or no holder ever wrote its name and the lock stopped being refreshed.
 */
const staleLock = async (log: string, wallClock: Date): Promise<{ stale: boolean; holder?: LockHolder; inode?: number }> => {
  const folder = await stat(lockPath(log)).catch(() => undefined);
  if (!folder) return { stale: false };
  const written = await readHolder(log);
  const holder = written?.lock === folder.ino ? written : undefined;
  if (holder) return { stale: holder.host === hostname() && !alive(holder.pid), holder, inode: folder.ino };
  return { stale: wallClock.getTime() - folder.mtimeMs > unknownHolderStaleMs, inode: folder.ino };
};

/** Moves a stale lock out of the way, unless it was replaced by a live one since it was judged. */
const removeStaleLock = async (log: string, inode: number): Promise<void> => {
  const current = await stat(lockPath(log)).catch(() => undefined);
  if (current?.ino !== inode) return;
  const aside = `${lockPath(log)}.stale-${process.pid}`;
  await rename(lockPath(log), aside).catch(() => undefined);
  await rm(aside, { recursive: true, force: true });
};

const describeHolder = (holder: LockHolder | undefined): string =>
  holder
    ? `process ${holder.pid} on ${holder.host} (${holder.command}) since ${holder.since}`
    : 'another process (it has not written its name yet)';

/**
 * Takes the writer lock of a lab log (a lock folder `<log>.lock` made by proper-lockfile, and who holds it
 * in `<log>.lock-holder`). A second writer is refused with EVENTSTORE_LOCKED naming the holder; a lock whose
 * holder died is removed and taken. Readers never take it. `now` is the wall-clock time, for the holder file.
 */
export const lockLab = async (log: string, command: string, now: () => Date = () => new Date()): Promise<WriterLock> => {
  let lost = false;
  const options = { realpath: false, stale: 120_000, update: 5_000, retries: 0, onCompromised: () => (lost = true) };
  const attempt = () => lockfile.lock(log, { ...options, lockfilePath: lockPath(log) });
  let unlock: () => Promise<void>;
  try {
    unlock = await attempt();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const judged = await staleLock(log, now());
    if (!judged.stale) {
      throw eventStoreError(
        'EVENTSTORE_LOCKED',
        `${log} is being written by ${describeHolder(judged.holder)}; only one process may write a lab at a time. Wait for it to finish, or work on a copy (pkilab travel ${log} fork …).`,
      );
    }
    await removeStaleLock(log, judged.inode!);
    unlock = await attempt().catch((again: NodeJS.ErrnoException) => {
      if (again.code === 'ELOCKED')
        throw eventStoreError('EVENTSTORE_LOCKED', `${log} was taken by another process while a stale lock was being removed; try again.`);
      throw again;
    });
  }
  const inode = (await stat(lockPath(log))).ino;
  const holder: LockHolder = { pid: process.pid, host: hostname(), command, since: now().toISOString(), lock: inode };
  await writeFileAtomic(holderPath(log), `${JSON.stringify(holder)}\n`, modes.shared);
  let released = false;
  return {
    log,
    assertHeld() {
      if (released)
        throw eventStoreError('EVENTSTORE_LOCK_LOST', `${log}: the writer lock was released; this process may no longer write the lab.`);
      if (lost)
        throw eventStoreError(
          'EVENTSTORE_LOCK_LOST',
          `${log}: the writer lock went stale and may have been taken by another process; stopping before writing.`,
        );
    },
    async release() {
      if (released) return;
      released = true;
      // The lock folder goes first: killed in between, the holder file left names a folder that no longer
      // exists (ignored) or a dead process (taken over), never a lock with no name on it.
      await unlock().catch(() => undefined);
      const written = await readHolder(log);
      if (written?.pid === process.pid && written.lock === inode) await rm(holderPath(log), { force: true });
    },
  };
};
