import { spawn, spawnSync } from 'node:child_process';
import { chmod, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, tempDir } from '../support/cli.ts';
import { testPassphrase } from '../support/postgres.ts';

/**
 * Every example of every `--help` text, taken from the text itself and read by a shell (sh -c): quotes, globs, pipes and
 * variables work as a reader's shell does. An example whose process is part of what it shows (a pipe into pkilab, a
 * variable set for it, a server that runs until stopped, the stepper reading its standard input) runs as a real process,
 * `pkilab` on the PATH; every other one runs through the CLI's main function in this process, with the words the shell
 * made of it (a process start costs about a second of CPU, the command itself a fraction of that).
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
/** Examples that need a process of their own: a pipe, a variable set for the command, a server, the stepper's input. */
const asProcess = (example: string) =>
  /\|/.test(example) || /^[A-Z_]+=/.test(example) || servers.test(example) || /^pkilab step\b/.test(example);

/** `pkilab` on the PATH of the process examples; `pkilab` on the PATH of the words reader prints its arguments instead. */
const executable = async (folder: string, body: string) => {
  await writeFile(join(folder, 'pkilab'), `#!/bin/sh\n${body}\n`);
  await chmod(join(folder, 'pkilab'), 0o755);
  return folder;
};
const bin = await executable(await tempDir('pkilab-bin-'), `exec "${process.execPath}" "${resolve('bin/pkilab.mjs')}" "$@"`);
const wordsBin = await executable(await tempDir('pkilab-words-'), `printf '%s\\0' "$@"`);

/**
 * The examples run in a folder of their own (the repository's scenarios linked in), so the labs they make and read
 * under .pkilab/ are theirs: other suites running beside them never replace a lab under their feet. The labs the
 * examples read but no example makes are made first, as a reader would have made them.
 */
const work = await tempDir('pkilab-help-');
await symlink(resolve('scenarios'), join(work, 'scenarios'));
const exampleEnv = (path: string) => ({
  ...process.env,
  PKILAB_KEY_PASSPHRASE: testPassphrase(),
  NO_COLOR: '1',
  PATH: `${path}:${process.env.PATH}`,
});

const shell = (example: string, seconds: number) =>
  new Promise<{ code: number | null; err: string; running: boolean }>((done) => {
    const child = spawn('sh', ['-c', example], { env: exampleEnv(bin), stdio: ['ignore', 'ignore', 'pipe'], detached: true, cwd: work });
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

/** The words a shell makes of `pkilab …` (quotes removed, globs expanded in the examples' folder). */
const wordsOf = (example: string): string[] => {
  const printed = spawnSync('sh', ['-c', example], { env: exampleEnv(wordsBin), cwd: work, encoding: 'utf8' });
  assert.is(printed.status, 0, `sh could not read ${example}: ${printed.stderr}`);
  return printed.stdout.split('\0').slice(0, -1);
};

/** Runs an example through main in the examples' folder, with the variables the process examples get. */
const inProcess = async (example: string) => {
  const words = wordsOf(example);
  const saved = { cwd: process.cwd(), passphrase: process.env.PKILAB_KEY_PASSPHRASE, noColor: process.env.NO_COLOR };
  process.chdir(work);
  Object.assign(process.env, { PKILAB_KEY_PASSPHRASE: testPassphrase(), NO_COLOR: '1' });
  try {
    return await cli(...words);
  } finally {
    process.chdir(saved.cwd);
    for (const [name, value] of [
      ['PKILAB_KEY_PASSPHRASE', saved.passphrase],
      ['NO_COLOR', saved.noColor],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
};

help.before(async () => {
  const made = await inProcess('pkilab run scenarios/iis-no-restart.yaml');
  assert.ok([0, 1].includes(made.code), `the iis-no-restart lab the travel examples read: ${made.err}`);
});

help("every command's help has examples", () => {
  for (const text of texts) assert.ok(examplesOf(text).length > 0, `no examples in:\n${text.slice(0, 200)}`);
  assert.ok(examples.length >= 20, examples.join('\n'));
});

help('the words a shell makes of an example are those main is given', () => {
  assert.equal(wordsOf(`pkilab travel lab.jsonl why "A B" '{"c":"D"}' --json`), [
    'travel',
    'lab.jsonl',
    'why',
    'A B',
    '{"c":"D"}',
    '--json',
  ]);
  assert.ok(
    wordsOf('pkilab run scenarios/mac-*.yaml')
      .slice(1)
      .every((w) => /^scenarios\/mac-[^*]+\.yaml$/.test(w)),
    'the glob is expanded',
  );
});

for (const example of examples.filter((e) => !(e in notRun))) {
  help(`runs: ${example}`, async () => {
    if (servers.test(example)) {
      const served = await shell(example, 4);
      assert.ok(served.running, `${example} stopped (exit ${served.code}): ${served.err}`);
      return;
    }
    const result = asProcess(example) ? await shell(example, 90) : await inProcess(example);
    assert.ok([0, 1].includes(result.code ?? -1), `${example} exited ${result.code}: ${result.err}`);
    assert.not.match(result.err, /\n\s+at /, 'a stack trace');
  });
}

help.run();
