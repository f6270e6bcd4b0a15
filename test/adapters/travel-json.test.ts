import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errorShape } from '../../adapters/json-shapes.ts';
import { travelOutputShape } from '../../adapters/travel/json.ts';
import { cli, runJson, tempDir } from '../support/cli.ts';

/** Every `travel` subcommand with --json, checked against the one schema of travel's output (adapters/travel/json.ts). */
const shapes = suite('pkilab travel --json shapes');
const log = (await runJson('scenarios/iis-no-restart.yaml')).report.log as string;
const dir = await tempDir();

const subcommands = [
  ['show'],
  ['show', '40', '--section', 'ca'],
  ['next'],
  ['prev'],
  ['goto', '10'],
  ['goto', '2026-01-01T00:00:00Z'],
  ['log', '30', '40'],
  ['diff', '30', '45'],
  ['bisect', 'op-pending-restart'],
  ['why', 'ConfigMgr Web Server Certificate'],
  ['why', 'SERVER1'],
  ['what-if', 'skip', 'issue-template'],
  ['what-if', 'change', 'restart', '{"computer":"SERVER1"}'],
  ['fork', join(dir, 'fork', 'lab.jsonl'), 'change', 'restart', '{"computer":"SERVER1"}'],
  ['export', join(dir, 'lab.json')],
  ['help'],
];

for (const words of subcommands) {
  shapes(`travel ${words.join(' ')} --json prints one document of the shared shape`, async () => {
    const result = await cli('travel', log, ...words, '--json');
    assert.is(result.code, 0, result.err);
    const parsed = travelOutputShape.safeParse(JSON.parse(result.out));
    assert.ok(parsed.success, parsed.error?.message);
    assert.is(parsed.data!.command, words[0]);
  });
}

shapes('every failing subcommand prints its error as the one JSON error shape, exit 2', async () => {
  for (const words of [
    ['show', '99999'],
    ['diff', '1'],
    ['bisect', 'ESC99'],
    ['why', 'nothing-here'],
    ['what-if', 'change', '3', '{}'],
    ['fork', 'x.txt'],
    ['export'],
    ['fly'],
    ['what-if', 'skip', 'security'],
  ]) {
    const result = await cli('travel', log, ...words, '--json');
    assert.is(result.code, 2, words.join(' '));
    assert.is(result.out, '');
    assert.ok(errorShape.safeParse(JSON.parse(result.err)).success, result.err);
  }
});

shapes('what-if change merges its fields into the recorded choice, as a scenario does', async () => {
  const result = await cli(
    'travel',
    log,
    'what-if',
    'change',
    'request-certificate',
    '{"dnsNames":["server1.internal.contoso.com"]}',
    '--json',
  );
  const out = travelOutputShape.parse(JSON.parse(result.out));
  assert.ok(out.command === 'what-if');
  if (out.command !== 'what-if') return;
  // The computer is kept from the recording: the request is refused for the same reason, not as an invalid choice.
  assert.equal(
    out.rejections.map((r) => r.code),
    ['0x80094012'],
  );
  assert.match(out.rejections[0]!.reason, /SERVER1 joined ConfigMgr IIS Servers after its last restart/);
});

shapes("what-if carries the procedure a rejection stopped forward with the seed's choices, and says so", async () => {
  const result = await cli('travel', log, 'what-if', 'change', 'restart', '{"computer":"SERVER1"}');
  assert.is(result.code, 0, result.err);
  assert.match(
    result.out,
    /carried forward with the seed's choices: iis-web-server-certificate › bind done, iis-web-server-certificate › site-system done, iis-web-server-certificate › verify done/,
  );
  const json = travelOutputShape.parse(
    JSON.parse((await cli('travel', log, 'what-if', 'change', 'restart', '{"computer":"SERVER1"}', '--json')).out),
  );
  if (json.command !== 'what-if') throw new Error(json.command);
  assert.ok(
    json.changes.some((c) => /Default Web Site: https:443 now presents/.test(c.text)),
    JSON.stringify(json.changes),
  );
});

shapes('what-if text output gives each rejection with its reason', async () => {
  const result = await cli('travel', log, 'what-if', 'skip', 'issue-template');
  assert.is(result.code, 0, result.err);
  assert.match(result.out, /✗ iis-web-server-certificate › request-certificate \(position \d+\): 0x800948(00|12) \w+: .+/);
});

shapes.run();
