import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { chmod, link, mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** File modes pkilab sets itself, whatever the umask: secrets and keys are private, the rest is readable. */
export const modes = { secret: 0o600, secretFolder: 0o700, shared: 0o644, folder: 0o755 } as const;

/** Creates `folder` (and its parents) and sets its mode exactly, since mkdir's mode is cut by the umask. */
export const ensureFolder = async (folder: string, mode: number = modes.folder): Promise<void> => {
  await mkdir(folder, { recursive: true });
  await chmod(folder, mode);
};

/** Makes a rename durable: the folder entry itself is flushed. */
export const syncFolder = async (folder: string): Promise<void> => {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** A fully written, fsynced temporary file beside `path`, with exactly `mode`. */
const temporaryName = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

const writeTemporary = async (path: string, content: string | Uint8Array, mode: number): Promise<string> => {
  const temporary = temporaryName(path);
  const handle = await open(temporary, 'wx', mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  return temporary;
};

/**
 * Writes a whole file atomically: a temporary file in the same folder, created with `mode` (set again
 * with chmod so the umask cannot widen it), fsynced, then renamed over the target. A reader sees the old
 * file or the new one, never a part; a target that existed with a wider mode is replaced, not reused.
 */
export const writeFileAtomic = async (path: string, content: string | Uint8Array, mode: number = modes.shared): Promise<void> => {
  const temporary = await writeTemporary(path, content, mode);
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
};

/** Like writeFileAtomic, but never replaces: rejects with EEXIST when the target exists. */
export const createFileAtomic = async (path: string, content: string | Uint8Array, mode: number = modes.shared): Promise<void> => {
  const temporary = await writeTemporary(path, content, mode);
  try {
    await link(temporary, path);
  } finally {
    await unlink(temporary);
  }
  await syncFolder(dirname(path));
};

/** One file of a batch for writeFilesAtomic. */
export interface FileToWrite {
  readonly path: string;
  readonly content: string | Uint8Array;
  readonly mode?: number;
}

/**
 * writeTemporary for a batch: the same steps, all but the fsync made synchronously (creating, writing and closing a
 * small file takes microseconds; a trip through the thread pool for each took a millisecond or more on a busy machine).
 */
const writeTemporaryInBatch = async (path: string, content: string | Uint8Array, mode: number): Promise<string> => {
  const temporary = temporaryName(path);
  const fd = openSync(temporary, 'wx', mode);
  try {
    fchmodSync(fd, mode);
    writeFileSync(fd, content);
    await new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  return temporary;
};

/**
 * Writes many files, each as writeFileAtomic writes one (a temporary file fsynced, then renamed over its target: a
 * reader sees the old file or the new one), `parallel` at a time so that their fsyncs share the disk's flushes,
 * and each folder synced once at the end instead of once per file. For thousands of files (a large lab's artifacts).
 */
export const writeFilesAtomic = async (files: readonly FileToWrite[], parallel = 16): Promise<void> => {
  const folders = new Set<string>();
  let next = 0;
  const writer = async () => {
    for (let file = files[next++]; file !== undefined; file = files[next++]) {
      const temporary = await writeTemporaryInBatch(file.path, file.content, file.mode ?? modes.shared);
      try {
        renameSync(temporary, file.path);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
      folders.add(dirname(file.path));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, writer));
  for (const folder of folders) await syncFolder(folder);
};
