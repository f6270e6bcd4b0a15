import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, tempDir } from '../support/cli.ts';
import { iisWebServerSteps } from '../support/procedure-spec.ts';

const command = suite('adapters/cli');

command('pkilab --help explains every command with an example', async () => {
  const { code, out } = await cli('--help');
  assert.is(code, 0);
  assert.match(out, /pkilab run <scenario\.yaml\.\.\.>/);
  assert.match(out, /pkilab procedures/);
  assert.match(out, /Examples:/);
});

command('pkilab run --help documents --out and --json', async () => {
  const { code, out } = await cli('run', '--help');
  assert.is(code, 0);
  assert.match(out, /--out DIR/);
  assert.match(out, /--json/);
});

command('run without a scenario exits 2 and says what was expected', async () => {
  const { code, err } = await cli('run');
  assert.is(code, 2);
  assert.match(err, /expected at least one scenario file \(or --all\), found none/);
});

command('an unknown command or option exits 2', async () => {
  assert.is((await cli('fly')).code, 2);
  assert.is((await cli('run', '--fast', 'scenarios/iis-web-server-certificate.yaml')).code, 2);
});

command('an invalid scenario exits 2 with file:line:column', async () => {
  const dir = await tempDir();
  const file = join(dir, 'bad.yaml');
  await writeFile(file, 'scenario: bad\nprocedures:\n  - procedure: nope\n');
  const { code, err } = await cli('run', file);
  assert.is(code, 2);
  assert.match(err, /bad\.yaml:3:16: unknown procedure "nope"/);
});

command('a scenario whose expectation fails exits 1 and names it', async () => {
  const dir = await tempDir();
  const file = join(dir, 'wrong.yaml');
  await writeFile(
    file,
    'scenario: wrong\nlab: { startsAt: 2026-11-02T09:00:00Z }\nprocedures: [iis-web-server-certificate]\nexpect:\n  certificates:\n    - { host: SERVER1, template: ConfigMgr Web Server Certificate, dnsNames: [elsewhere.contoso.com] }\n',
  );
  const { code, out } = await cli('run', file, '--out', join(dir, 'lab'));
  assert.is(code, 1);
  assert.match(
    out,
    /✗ certificate from "ConfigMgr Web Server Certificate" in SERVER1\\Personal — DNS names: expected elsewhere\.contoso\.com/,
  );
  assert.match(out, /FAIL/);
});

command('procedures lists the seed procedures with their steps', async () => {
  const { code, out } = await cli('procedures', '--json');
  assert.is(code, 0);
  const list = JSON.parse(out) as Array<{ id: string; steps: Array<{ id: string }> }>;
  assert.equal(
    list[0]!.steps.map((s) => s.id),
    [...iisWebServerSteps],
  );
});

command('the bin script runs under plain node', () => {
  const out = execFileSync(process.execPath, ['bin/pkilab.mjs', 'procedures'], { encoding: 'utf8' });
  assert.match(out, /iis-web-server-certificate/);
});

command.run();
