import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFilesAtomic } from '../../adapters/files/atomic.ts';
import { tempDir } from '../support/cli.ts';

const batch = suite('adapters/files writing many files atomically');

batch('every file is written whole with its mode, in several folders, and no temporary file is left', async () => {
  const root = await tempDir();
  const files = Array.from({ length: 120 }, (_, i) => ({
    path: join(root, i % 2 ? 'odd' : '', `f${i}.pem`),
    content: i % 3 ? `text ${i}\n` : Buffer.from([i, 0, 255]),
    ...(i % 5 === 0 ? { mode: 0o600 } : {}),
  }));
  await writeFile(join(root, 'f0.pem'), 'an older file with other bytes');
  await mkdir(join(root, 'odd'));
  await writeFilesAtomic(files, 7);
  for (const [i, file] of files.entries()) {
    const expected = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
    assert.ok((await readFile(file.path)).equals(expected), file.path);
    assert.is((await stat(file.path)).mode & 0o777, i % 5 === 0 ? 0o600 : 0o644, file.path);
  }
  const names = [...(await readdir(root)), ...(await readdir(join(root, 'odd')))];
  assert.is(names.filter((n) => n.endsWith('.tmp')).length, 0);
  assert.is(names.length, 121, '120 files and the folder odd');
});

batch('a file that cannot be written fails the batch with its error', async () => {
  const root = await tempDir();
  const error = await writeFilesAtomic([
    { path: join(root, 'ok.pem'), content: 'ok' },
    { path: join(root, 'missing-folder', 'x.pem'), content: 'x' },
  ]).then(
    () => undefined,
    (e: NodeJS.ErrnoException) => e,
  );
  assert.is(error?.code, 'ENOENT');
});

batch('nothing to write is nothing done', async () => {
  await writeFilesAtomic([]);
});

batch.run();
