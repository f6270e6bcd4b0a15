import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli } from './support/cli.ts';
import { testPassphrase } from './support/postgres.ts';

/**
 * The README keeps an example for every command; each `node bin/pkilab.mjs …` one is run here, in table order. The
 * first example, `--help` and the stepper (it reads its standard input) run as real processes of `bin/pkilab.mjs`;
 * the others through the CLI's main function in this process (what bin/pkilab.mjs calls), without a process start
 * of about a second of CPU each.
 */
const readme = suite('README examples');
const examples = [...readFileSync('README.md', 'utf8').matchAll(/^\| `pkilab[^|]*\|[^|]*\| `(node bin\/pkilab\.mjs [^`]+)` \|$/gm)].map(
  (m) => m[1]!,
);

readme('the commands table has an example for every pkilab command', () => {
  for (const command of ['run', 'findings', 'step', 'travel', 'procedures', 'serve', 'report', '--help']) {
    assert.ok(
      examples.some((e) => e.split(' ').includes(command)),
      `no example for ${command}`,
    );
  }
});

/** Splits an example the way a shell would, for the simple quoting the README uses. */
const words = (line: string): string[] => [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
const asProcess = (example: string) => example === examples[0] || /--help|^node bin\/pkilab\.mjs step\b/.test(example);

const inProcess = async (args: string[]) => {
  const saved = process.env.PKILAB_KEY_PASSPHRASE;
  process.env.PKILAB_KEY_PASSPHRASE = testPassphrase();
  try {
    const { code, err } = await cli(...args);
    return { status: code, stderr: err };
  } finally {
    if (saved === undefined) delete process.env.PKILAB_KEY_PASSPHRASE;
    else process.env.PKILAB_KEY_PASSPHRASE = saved;
  }
};

const inChild = (script: string, args: string[]) =>
  spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
    env: { ...process.env, PKILAB_KEY_PASSPHRASE: testPassphrase(), NO_COLOR: '1' },
  });

for (const example of examples) {
  readme(`runs: ${example}`, async () => {
    const [, script, ...args] = words(example);
    assert.is(script, 'bin/pkilab.mjs');
    const result = asProcess(example) ? inChild(script!, args) : await inProcess(args);
    assert.ok([0, 1].includes(result.status ?? -1), `${example} exited ${result.status}: ${result.stderr}`);
    assert.not.match(result.stderr, /\n\s+at /, 'a stack trace');
  });
}

readme.run();
