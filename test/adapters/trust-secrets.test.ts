import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, tempDir } from '../support/cli.ts';

const trust = suite('a lab keeps its secrets (pkilab commands): nothing printed or written in the clear, private files private');
const root = process.cwd();
const scenario = (name: string) => resolve(root, 'scenarios', `${name}.yaml`);

/** Every file under a folder, with its path relative to it. */
const walk = async (folder: string): Promise<string[]> =>
  (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

trust('no password or private key appears in a log, its artifacts, the output, travel, or a bundle without keys', async () => {
  const out = await tempDir();
  const named = (
    await Promise.all(
      (
        await readdir(resolve(root, 'scenarios'))
      )
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => readFile(resolve(root, 'scenarios', f), 'utf8')),
    )
  ).flatMap((text) => [...text.matchAll(/password:\s*['"]?([^'",}\s]+)/g)].map((m) => m[1]!));
  const passwords = [...new Set([...named, 'Pa55w.rd-CloudDP', 'Pa55w.rd-DPClient'])];
  assert.ok(passwords.includes('not-the-export-password'), passwords.join(', '));
  const printed: string[] = [];
  const labs = ['cloud-dp-service-certificate', 'cloud-dp-wrong-password', 'dp-client-certificate'];
  for (const name of labs) {
    const run = await cli('run', scenario(name), '--out', join(out, name), '--json');
    printed.push(run.out, run.err);
    const log = join(out, name, 'lab.jsonl');
    for (const args of [['log'], ['log', '--json'], ['show'], ['why', 'ConfigMgr Cloud Distribution Point Certificate']]) {
      const r = await cli('travel', log, ...args);
      printed.push(r.out, r.err);
    }
    const r = await cli('travel', log, 'export', join(out, `${name}-public.json`), '--without-keys');
    printed.push(r.out, r.err);
  }
  const files = (await walk(out)).filter((f) => (!/\/keys\/|\.pfx$/.test(f) && !/\.json$/.test(f)) || /public\.json$/.test(f));
  const written = await Promise.all(files.map((f) => readFile(f, 'latin1')));
  const everything = [...printed, ...written].join('\n');
  assert.ok(files.some((f) => f.endsWith('lab.jsonl')) && files.some((f) => f.endsWith('public.json')));
  for (const password of passwords) assert.not.ok(everything.includes(password), `found ${password}`);
  assert.not.match(everything, /PRIVATE KEY|MII[CE][a-zA-Z0-9+/]{20,}AgEAAo/);
  for (const name of labs) {
    const keys = await readdir(join(out, name, 'keys'));
    const pkcs8 = (await readFile(join(out, name, 'keys', keys.find((k) => k.endsWith('.key'))!), 'utf8')).split('\n')[1]!;
    assert.not.ok(everything.includes(pkcs8.slice(0, 40)), 'key material found');
  }
});

trust('under umask 000 keys, secrets and PFX files are 0600 in 0700 folders, and nothing is world-writable', async () => {
  const out = await tempDir();
  const previous = process.umask(0);
  try {
    assert.is((await cli('run', scenario('cloud-dp-service-certificate'), '--out', out)).code, 0);
  } finally {
    process.umask(previous);
  }
  for (const file of await walk(out)) {
    const mode = (await stat(file)).mode & 0o777;
    assert.is(mode & 0o002, 0, `${file} is world-writable (${mode.toString(8)})`);
    if (/\/keys\/|\.pfx$/.test(file)) assert.is(mode, 0o600, `${file} is ${mode.toString(8)}`);
  }
  for (const folder of ['keys', 'exports']) assert.is((await stat(join(out, folder))).mode & 0o777, 0o700);
});

trust.run();
