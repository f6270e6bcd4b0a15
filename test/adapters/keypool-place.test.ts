import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { folderKeyPool } from '../../adapters/keypool/pool.ts';
import { pooledKeys } from '../../adapters/keypool/source.ts';
import { fileKeyStore } from '../../adapters/keystore/files.ts';
import { generateRsa, publicKeyOf } from '../../adapters/keystore/rsa.ts';
import type { KeyStore } from '../../workflows/index.ts';
import { tempDir } from '../support/cli.ts';

const place = suite('adapters/keypool placing keys into a lab');

const ref = (name: string) => name as Parameters<KeyStore['generate']>[0];

/** A pool in a fresh folder holding `n` real 1024-bit keys (their size does not matter here), and the keys. */
const poolOf = async (n: number) => {
  const pool = folderKeyPool(join(await tempDir(), 'pool'));
  const keys = await Promise.all(Array.from({ length: n }, () => generateRsa(1024)));
  for (const { pkcs8 } of keys) await pool.add(1024, pkcs8);
  return { pool, keys: keys.map((k) => k.pkcs8) };
};

place('a lab key store takes a pool key by linking its file: the same bytes, mode 0600, nothing left behind', async () => {
  const { pool, keys } = await poolOf(2);
  const poolDir = join(pool.folder, 'rsa-1024');
  const poolTexts = await Promise.all((await readdir(poolDir)).map((name) => readFile(join(poolDir, name), 'utf8')));
  const folder = join(await tempDir(), 'keys');
  const store = fileKeyStore(folder, pooledKeys(pool));
  const spki = await store.generate(ref('req-1-pc0001'), 1024);
  const taken = await store.privateKey(ref('req-1-pc0001'));
  assert.ok(keys.includes(taken), 'a key from the pool');
  assert.is(spki, publicKeyOf(taken));
  assert.equal(await readdir(folder), ['req-1-pc0001.key'], 'no temporary file in the lab folder');
  const file = await stat(join(folder, 'req-1-pc0001.key'));
  assert.is(file.mode & 0o777, 0o600);
  assert.is(file.nlink, 1, 'the pool no longer names the file');
  assert.is((await stat(folder)).mode & 0o777, 0o700);
  assert.equal(await pool.count(), { 1024: 1 });
  assert.equal(
    (await readdir(poolDir)).filter((n) => n.startsWith('.')),
    [],
    'no claim left in the pool',
  );
  assert.ok(poolTexts.includes(await readFile(join(folder, 'req-1-pc0001.key'), 'utf8')), "the pool file's own bytes");
});

place('placing onto an existing file is refused (EEXIST); the file is kept and the pool key is never handed out', async () => {
  const { pool } = await poolOf(1);
  const target = join(await tempDir(), 'taken.key');
  await writeFile(target, 'already here', { mode: 0o600 });
  const error = await pool.place(1024, target).then(
    () => undefined,
    (e: NodeJS.ErrnoException) => e,
  );
  assert.is(error?.code, 'EEXIST');
  assert.is(await readFile(target, 'utf8'), 'already here');
  assert.equal(await pool.count(), { 1024: 0 });
  assert.is(await pool.take(1024), undefined);
  assert.equal(await readdir(join(pool.folder, 'rsa-1024')), [], 'no claim left in the pool');
});

place('a key already under the ref (an append that never landed) is reused and the pool keeps its keys', async () => {
  const { pool } = await poolOf(1);
  const folder = join(await tempDir(), 'keys');
  const orphan = (await generateRsa(1024)).pkcs8;
  await fileKeyStore(folder).put(ref('req-2-pc0002'), orphan);
  const store = fileKeyStore(folder, pooledKeys(pool));
  assert.is(await store.generate(ref('req-2-pc0002'), 1024), publicKeyOf(orphan));
  assert.equal(await pool.count(), { 1024: 1 });
});

place('an empty pool places nothing, and the store generates the key on the spot', async () => {
  const { pool } = await poolOf(0);
  const generated: number[] = [];
  const folder = join(await tempDir(), 'keys');
  const store = fileKeyStore(
    folder,
    pooledKeys(pool, (size) => generated.push(size)),
  );
  assert.is(await pool.place(1024, join(folder, 'x.key')), undefined);
  const spki = await store.generate(ref('req-3-pc0003'), 1024);
  assert.equal(generated, [1024]);
  assert.is(spki, publicKeyOf(await store.privateKey(ref('req-3-pc0003'))));
});

place.run();
