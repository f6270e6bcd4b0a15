import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, runJson, tempDir } from '../support/cli.ts';

/** What the commands promise a person and a CI job: exit codes, --version, help per command, clear usage errors. */
const commands = suite('pkilab commands');
const noRestart = (await runJson('scenarios/iis-no-restart.yaml')).report.log as string;

commands('findings --fail-on exits 1 when a finding is at that severity or above, 0 otherwise', async () => {
  const all = JSON.parse((await cli('findings', noRestart, '--json')).out) as { findings: Array<{ severity: string }> };
  const worst = ['critical', 'high', 'medium', 'low', 'info'].find((s) => all.findings.some((f) => f.severity === s))!;
  const above = ['info', 'low', 'medium', 'high', 'critical'][['info', 'low', 'medium', 'high', 'critical'].indexOf(worst) + 1];
  const failing = await cli('findings', noRestart, '--fail-on', worst);
  assert.is(failing.code, 1, failing.out);
  assert.match(failing.out, new RegExp(`finding\\(s\\) at ${worst} or above: exit 1`));
  if (above) assert.is((await cli('findings', noRestart, '--fail-on', above)).code, 0);
  const json = JSON.parse((await cli('findings', noRestart, '--fail-on', worst, '--json')).out);
  assert.ok(json.failing.length > 0);
});

commands('findings --fail-on with an unknown severity exits 2 and suggests the likely one', async () => {
  const result = await cli('findings', noRestart, '--fail-on', 'hihg');
  assert.is(result.code, 2);
  assert.match(result.err, /--fail-on expects a severity \(info, low, medium, high, critical\), found "hihg"; did you mean "high"\?/);
});

commands('findings --at counts positions as travel does: 0 is the world before the first event', async () => {
  const result = await cli('findings', noRestart, '--at', '0', '--json');
  assert.is(result.code, 0, result.err);
  assert.is(JSON.parse(result.out).position, 0);
});

commands("an unknown option gets pkilab's message: the options the command has and the likely one", async () => {
  const result = await cli('findings', noRestart, '--fial-on', 'high');
  assert.is(result.code, 2);
  assert.match(
    result.err,
    /^pkilab findings: unknown option --fial-on; expected --at VALUE, .*--fail-on VALUE.*; did you mean "--fail-on"\?/,
  );
  assert.not.match(result.err, /To specify a positional argument/);
  const missing = await cli('findings', noRestart, '--at');
  assert.match(missing.err, /option --at expects a value after it, found nothing/);
});

commands('--version prints the package version', async () => {
  const { code, out } = await cli('--version');
  assert.is(code, 0);
  assert.match(out, /^pkilab \d+\.\d+\.\d+$/);
});

commands("pkilab help COMMAND prints that command's help; an unknown one is refused with a suggestion", async () => {
  const help = await cli('help', 'travel');
  assert.is(help.code, 0);
  assert.match(help.out, /^Usage: pkilab travel/);
  const wrong = await cli('help', 'travl');
  assert.is(wrong.code, 2);
  assert.match(wrong.err, /did you mean "travel"\?/);
});

commands('bisect takes a finding rule in any case and suggests the likely one for a misspelt rule', async () => {
  const lower = await cli('travel', noRestart, 'bisect', 'op-pending-restart', '--json');
  assert.is(lower.code, 0, lower.err);
  assert.match(JSON.parse(lower.out).finding.id, /^OP-PENDING-RESTART:/);
  const wrong = await cli('travel', noRestart, 'bisect', 'OP-PENDING-RESTRAT');
  assert.is(wrong.code, 2);
  assert.match(wrong.err, /did you mean "OP-PENDING-RESTART"\?/);
});

commands('run with several scenarios ends with the line "N passed, N failed"', async () => {
  const out = await tempDir();
  const result = await cli('run', 'scenarios/iis-no-restart.yaml', 'scenarios/mac-client-certificate.yaml', '--out', out);
  assert.is(result.code, 0, result.err);
  assert.is(result.out.trimEnd().split('\n').at(-1), '2 passed, 0 failed');
});

commands.run();
