import { spawn } from 'node:child_process';
import { chmod, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, tempDir } from '../support/cli.ts';
import { testPassphrase } from '../support/postgres.ts';

/**
 * Every example of every `--help` text, taken from the text itself and run by a shell (sh -c) with `pkilab`
 * on the PATH, from the repository's folder: quotes, globs, pipes and variables work as a reader's shell does.
 */
const help = suite('help examples');

const mainHelp = (await cli('--help')).out;
const commands = [...new Set([...mainHelp.matchAll(/^ {2}pkilab ([a-z]+)\b/gm)].map((m) => m[1]!))];
const texts = [
  mainHelp,
  ...(await Promise.all([...commands, 'keys', 'serve', 'labs', 'lab', 'class'].map(async (c) => (await cli(c, '--help')).out))),
];
const examplesOf = (text: string) =>
  (text.match(/^Examples:\n((?: {2}.+\n?)+)/m)?.[1] ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const examples = [...new Set(texts.flatMap(examplesOf))];
/** Runs first: the labs the other examples read (.pkilab/seed-deployment, .pkilab/iis-no-restart…) come from these. */
const first = (e: string) => (/^pkilab run\b/.test(e) ? 0 : 1);
examples.sort((a, b) => first(a) - first(b));

/**
 * Examples not run here, each with its reason; every other example of every help text is. Filling the key pool
 * generates hundreds of RSA keys (minutes on a shared machine) and adds them to the pool of the person running the tests.
 */
const notRun: Record<string, string> = {
  'pkilab keys fill 200': "generates 200 RSA keys into the user's pool (about 3 minutes)",
  'PKILAB_KEY_POOL=/tmp/pool pkilab keys fill 10 --size 4096': 'generates ten 4096-bit keys (over a minute)',
};

/** Commands that serve until stopped: their example passes when it is still serving after a few seconds. */
const servers = /^pkilab (serve|studio) (?!.*--check)/;

const bin = await tempDir('pkilab-bin-');
await writeFile(join(bin, 'pkilab'), `#!/bin/sh\nexec "${process.execPath}" "${resolve('bin/pkilab.mjs')}" "$@"\n`);
await chmod(join(bin, 'pkilab'), 0o755);

/**
 * The examples run in a folder of their own (the repository's scenarios linked in), so the labs they make and read
 * under .pkilab/ are theirs: other suites running beside them never replace a lab under their feet. The labs the
 * examples read but no example makes are made first, as a reader would have made them.
 */
const work = await tempDir('pkilab-help-');
await symlink(resolve('scenarios'), join(work, 'scenarios'));

const shell = (example: string, seconds: number) =>
  new Promise<{ code: number | null; err: string; running: boolean }>((done) => {
    const child = spawn('sh', ['-c', example], {
      env: { ...process.env, PKILAB_KEY_PASSPHRASE: testPassphrase(), NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}` },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
      cwd: work,
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGTERM');
      done({ code: null, err, running: true });
    }, seconds * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, err, running: false });
    });
  });

help.before(async () => {
  const made = await shell('pkilab run scenarios/iis-no-restart.yaml', 90);
  assert.ok([0, 1].includes(made.code ?? -1), `the iis-no-restart lab the travel examples read: ${made.err}`);
});

help("every command's help has examples", () => {
  for (const text of texts) assert.ok(examplesOf(text).length > 0, `no examples in:\n${text.slice(0, 200)}`);
  assert.ok(examples.length >= 20, examples.join('\n'));
});

for (const example of examples.filter((e) => !(e in notRun))) {
  help(`runs: ${example}`, async () => {
    if (servers.test(example)) {
      const served = await shell(example, 4);
      assert.ok(served.running, `${example} stopped (exit ${served.code}): ${served.err}`);
      return;
    }
    const result = await shell(example, 90);
    assert.ok([0, 1].includes(result.code ?? -1), `${example} exited ${result.code}: ${result.err}`);
    assert.not.match(result.err, /\n\s+at /, 'a stack trace');
  });
}

help.run();
