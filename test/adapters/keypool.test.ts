import { spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fillPool } from '../../adapters/keypool/fill.ts';
import { keyPoolFolder } from '../../adapters/keypool/location.ts';
import { folderKeyPool } from '../../adapters/keypool/pool.ts';
import { pooledKeys } from '../../adapters/keypool/source.ts';
import { fileKeyStore } from '../../adapters/keystore/files.ts';
import { generateRsa, publicKeyOf } from '../../adapters/keystore/rsa.ts';
import { cli, tempDir } from '../support/cli.ts';
import { KeyRef } from '../../domain/index.ts';

const pool = suite('adapters/keypool');

/** Stand-ins for keys where only identity matters (the pool stores and hands out text; it never parses it). */
const tokens = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`key-${i}`).toString('base64'));

pool('a key taken from the pool is gone from it; an empty pool has nothing to give', async () => {
  const keys = folderKeyPool(join(await tempDir(), 'pool'));
  for (const t of tokens(3)) await keys.add(2048, t);
  assert.equal(await keys.count(), { 2048: 3 });
  const taken = [await keys.take(2048), await keys.take(2048), await keys.take(2048)];
  assert.equal([...taken].sort(), tokens(3).sort());
  assert.is(await keys.take(2048), undefined);
  assert.is(await keys.take(4096), undefined, 'another size is a pool of its own');
  assert.equal(await keys.count(), { 2048: 0 });
});

pool('the pool folder is 0700 and each key 0600, whatever the umask', async () => {
  const folder = join(await tempDir(), 'pool');
  const previous = process.umask(0);
  try {
    await folderKeyPool(folder).add(2048, tokens(1)[0]!);
  } finally {
    process.umask(previous);
  }
  assert.is((await stat(folder)).mode & 0o777, 0o700);
  assert.is((await stat(join(folder, 'rsa-2048'))).mode & 0o777, 0o700);
  const [file] = await readdir(join(folder, 'rsa-2048'));
  assert.is((await stat(join(folder, 'rsa-2048', file!))).mode & 0o777, 0o600);
});

pool('pools on one folder taking at the same time never hand out a key twice', async () => {
  const folder = join(await tempDir(), 'pool');
  const all = tokens(60);
  for (const t of all) await folderKeyPool(folder).add(2048, t);
  const takers = Array.from({ length: 4 }, () => folderKeyPool(folder));
  const drain = async (p: (typeof takers)[number]) => {
    const got: string[] = [];
    for (let key = await p.take(2048); key !== undefined; key = await p.take(2048)) got.push(key);
    return got;
  };
  const got = (await Promise.all(takers.map(drain))).flat();
  assert.equal(got.sort(), all.sort());
});

pool('two processes taking from one pool at the same moment never get the same key', async () => {
  const folder = join(await tempDir(), 'pool');
  const all = tokens(200);
  await Promise.all(all.map((t) => folderKeyPool(folder).add(2048, t)));
  // Each taker says "ready" once loaded, then both start taking when told, so that they race for every key.
  const script = `import { folderKeyPool } from './adapters/keypool/pool.ts';
const p = folderKeyPool(process.argv[1]); const got = [];
console.log('ready'); await new Promise((r) => process.stdin.once('data', r));
for (let k = await p.take(2048); k !== undefined; k = await p.take(2048)) got.push(k);
console.log(JSON.stringify(got)); process.exit(0);`;
  const takers = [0, 1].map(() => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, folder], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    const ready = new Promise<void>((r) => child.stdout.on('data', (d) => ((out += d), out.startsWith('ready\n') && r())));
    const done = new Promise<string[]>((resolve, reject) =>
      child.on('close', (code) =>
        code === 0 ? resolve(JSON.parse(out.slice('ready\n'.length))) : reject(new Error(`taker exited ${code}`)),
      ),
    );
    return { child, ready, done };
  });
  await Promise.all(takers.map((t) => t.ready));
  for (const t of takers) t.child.stdin.write('go\n');
  const [a, b] = await Promise.all(takers.map((t) => t.done));
  assert.equal([...a!, ...b!].sort(), all.sort());
  assert.equal(
    a!.filter((k) => b!.includes(k)),
    [],
  );
  assert.ok(a!.length > 0 && b!.length > 0, `both took keys (${a!.length} and ${b!.length})`);
});

pool('a key claimed by a process that died is never handed out, and sweep deletes it', async () => {
  const folder = join(await tempDir(), 'pool');
  const keys = folderKeyPool(folder);
  await keys.add(2048, tokens(1)[0]!);
  await writeFile(join(folder, 'rsa-2048', '.claimed-999999999-x'), 'left by a crash', { mode: 0o600 });
  await writeFile(join(folder, 'rsa-2048', `.claimed-${process.pid}-y`), 'being read', { mode: 0o600 });
  assert.equal(await keys.count(), { 2048: 1 });
  assert.is(await keys.sweep((pid) => pid === process.pid), 1);
  assert.equal(
    (await readdir(join(folder, 'rsa-2048'))).filter((n) => n.startsWith('.claimed')),
    [`.claimed-${process.pid}-y`],
  );
  assert.is(await keys.take(2048), tokens(1)[0]);
  assert.is(await keys.take(2048), undefined);
});

pool('fill adds real RSA keys of the size asked, made by worker threads', async () => {
  const keys = folderKeyPool(join(await tempDir(), 'pool'));
  const seen: number[] = [];
  assert.is(await fillPool(keys, 3, 1024, { threads: 2, onKey: (n) => seen.push(n) }), 3);
  assert.equal(seen, [1, 2, 3]);
  assert.equal(await keys.count(), { 1024: 3 });
  const key = createPrivateKey({ key: Buffer.from((await keys.take(1024))!, 'base64'), format: 'der', type: 'pkcs8' });
  assert.is(key.asymmetricKeyType, 'rsa');
  assert.is(key.asymmetricKeyDetails?.modulusLength, 1024);
  assert.is(key.asymmetricKeyDetails?.publicExponent, 65537n);
});

pool('a lab key store draws its keys from the pool, and generates one only when the pool is empty', async () => {
  const keys = folderKeyPool(join(await tempDir(), 'pool'));
  const { pkcs8 } = await generateRsa(2048);
  await keys.add(2048, pkcs8);
  const generated: number[] = [];
  const store = fileKeyStore(
    join(await tempDir(), 'keys'),
    pooledKeys(keys, (size) => generated.push(size)),
  );
  assert.is(await store.generate(KeyRef('ca'), 2048), publicKeyOf(pkcs8));
  assert.is(await store.privateKey(KeyRef('ca')), pkcs8);
  assert.equal(await keys.count(), { 2048: 0 });
  assert.equal(generated, []);
  const fresh = await store.generate(KeyRef('req-1'), 2048);
  assert.equal(generated, [2048]);
  assert.is.not(fresh, publicKeyOf(pkcs8));
});

pool('the pool lives in the user cache folder unless PKILAB_KEY_POOL names another', () => {
  const home = () => '/home/ada';
  assert.is(keyPoolFolder({}, home), '/home/ada/.cache/pkilab/keys');
  assert.is(keyPoolFolder({ XDG_CACHE_HOME: '/var/cache/ada' }, home), '/var/cache/ada/pkilab/keys');
  assert.is(keyPoolFolder({ XDG_CACHE_HOME: 'relative' }, home), '/home/ada/.cache/pkilab/keys', 'XDG paths must be absolute');
  assert.is(keyPoolFolder({ PKILAB_KEY_POOL: '/tmp/p', XDG_CACHE_HOME: '/var/cache/ada' }, home), '/tmp/p');
});

pool('pkilab keys shows the pool and keys fill N adds to it; bad input is exit 2 with a located message', async () => {
  const folder = join(await tempDir(), 'pool');
  const previous = process.env.PKILAB_KEY_POOL;
  process.env.PKILAB_KEY_POOL = folder;
  try {
    const empty = await cli('keys');
    assert.is(empty.code, 0);
    assert.match(empty.out, /empty: labs generate each key on the spot/);
    const filled = await cli('keys', 'fill', '2', '--size', '1024', '--threads', '2');
    assert.is(filled.code, 0, filled.err);
    assert.match(filled.out, /added 2 RSA-1024 keys/);
    assert.match(filled.out, /RSA-1024 {2}2 keys/);
    const json = JSON.parse((await cli('keys', '--json')).out);
    assert.equal(json, { folder, keys: [{ type: 'RSA', size: 1024, count: 2 }] });
    const bads = [
      ['fill'],
      ['fill', 'ten'],
      ['fill', '2', '--size', '1000'],
      ['fill', '2', '--size', 'big'],
      ['empty'],
      ['--bogus'],
      ['fill', '-3'],
    ];
    for (const bad of bads) {
      const refused = await cli('keys', ...bad);
      assert.is(refused.code, 2, bad.join(' '));
      assert.match(refused.err, /^pkilab keys: (expected|unknown option) .*\(pkilab help keys for usage\)\n?$/, bad.join(' '));
      assert.not.match(refused.err, /Usage:|To specify a positional argument/, "one line, in pkilab's words");
    }
    assert.match(
      (await cli('keys', 'fill', '2', '--size', 'big')).err,
      /expected --size as a multiple of 8 from 1024 to 16384, found "big"/,
    );
  } finally {
    if (previous === undefined) delete process.env.PKILAB_KEY_POOL;
    else process.env.PKILAB_KEY_POOL = previous;
  }
});

pool.run();
