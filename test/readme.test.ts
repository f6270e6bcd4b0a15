import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { testPassphrase } from './support/postgres.ts';

/** The README keeps an example for every command; each `node bin/pkilab.mjs …` one is run here, in table order. */
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

for (const example of examples) {
  readme(`runs: ${example}`, () => {
    const [, script, ...args] = words(example);
    const result = spawnSync(process.execPath, [script!, ...args], {
      encoding: 'utf8',
      input: '',
      timeout: 60_000,
      env: { ...process.env, PKILAB_KEY_PASSPHRASE: testPassphrase(), NO_COLOR: '1' },
    });
    assert.ok([0, 1].includes(result.status ?? -1), `${example} exited ${result.status}: ${result.stderr}`);
    assert.not.match(result.stderr, /\n\s+at /, 'a stack trace');
  });
}

readme.run();
