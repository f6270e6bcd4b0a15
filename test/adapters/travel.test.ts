import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSession } from '../../adapters/travel/session.ts';
import { openSource } from '../../adapters/travel/source.ts';
import { travelOutputShape } from '../../adapters/travel/json.ts';
import { errorShape } from '../../adapters/json-shapes.ts';
import { cli, runJson, tempDir } from '../support/cli.ts';

const travel = suite('pkilab travel');
const noRestart = await runJson('scenarios/iis-no-restart.yaml');
const log = noRestart.report.log as string;
const json = async (...args: string[]) => {
  const result = await cli('travel', log, ...args, '--json');
  assert.is(result.code, 0, result.err);
  return JSON.parse(result.out);
};
const events = (await json('log')).events as Array<{
  position: number;
  procedure: string | null;
  step: string | null;
  type: string;
  text: string;
}>;
const restartInput = events.find((e) => e.type === 'ActionTaken' && e.step === 'restart')!;

travel('log lists every event with its procedure step and simulated time', () => {
  assert.is(events.length, readFileSync(log, 'utf8').trimEnd().split('\n').length);
  assert.equal(
    events.map((e) => e.position),
    events.map((_, i) => i + 1),
  );
  assert.ok(
    events.some((e) => e.procedure === 'iis-web-server-certificate' && e.step === 'request-certificate' && e.type === 'ActionRejected'),
  );
  assert.ok(events.every((e) => typeof e.text === 'string' && e.text.length > 0));
});

travel('bisect names the event and step that introduced the pending-restart finding, and the skipped restart', async () => {
  const result = await json('bisect', 'OP-PENDING-RESTART');
  assert.is(result.event.step, 'create-group');
  assert.is(result.event.type, 'GroupMemberAdded');
  assert.equal(
    result.skippedAfter.map((s: { position: number }) => s.position),
    [restartInput.position],
  );
});

travel('what-if with the restart taken shows the later enrollment succeeding', async () => {
  const result = await json('what-if', 'change', String(restartInput.position), '{"computer":"SERVER1"}');
  assert.is(result.divergedAt, restartInput.position);
  assert.equal(result.rejections, []);
  assert.ok(
    result.changes.some((c: { text: string }) =>
      /SERVER1 personal store: certificate [0-9A-F]{40} \(ConfigMgrWebServerCertificate\) added/.test(c.text),
    ),
  );
  assert.not.ok(result.findings.some((f: string) => f.startsWith('OP-PENDING-RESTART')));
});

travel('diff across the security step lists exactly the permission changes made there', async () => {
  const security = events.find((e) => e.type === 'ActionTaken' && e.step === 'security')!;
  const next = events.find((e) => e.position > security.position && e.type === 'ActionTaken')!;
  const { changes } = (await json('diff', String(security.position - 1), String(next.position - 1))) as {
    changes: Array<{ area: string; text: string }>;
  };
  assert.equal(
    changes.filter((c) => c.area !== 'findings').map((c) => c.text),
    [
      'template ConfigMgrWebServerCertificate: Enroll removed for Domain Admins',
      'template ConfigMgrWebServerCertificate: Enroll removed for Enterprise Admins',
      'template ConfigMgrWebServerCertificate: Read, Enroll granted to ConfigMgr IIS Servers',
    ],
  );
});

travel("show at a position gives that moment's world, section by section", async () => {
  const before = await json('show', String(restartInput.position - 3), '--section', 'ca');
  assert.ok(before.world.ca.templates.ConfigMgrWebServerCertificate);
  const start = await json('show', '1', '--section', 'ca');
  assert.is(start.world.ca.templates.ConfigMgrWebServerCertificate, undefined);
});

travel('why lists the events that shaped a template', async () => {
  const result = await json('why', 'ConfigMgr Web Server Certificate');
  const types = result.events.map((e: { type: string }) => e.type);
  assert.ok(
    types.includes('TemplateDuplicated') && types.includes('TemplatePermissionsChanged') && types.includes('TemplateIssued'),
    types.join(','),
  );
});

travel('fork saves the what-if as a new lab log that pkilab can open', async () => {
  const out = join(await tempDir(), 'fork', 'lab.jsonl');
  const fork = await cli('travel', log, 'fork', out, 'change', String(restartInput.position), '{"computer":"SERVER1"}');
  assert.is(fork.code, 0, fork.err);
  const findings = await cli('findings', out, '--json');
  assert.not.ok(JSON.parse(findings.out).findings.some((f: { rule: string }) => f.rule === 'OP-PENDING-RESTART'));
  assert.ok(existsSync(join(out, '..', 'keys')));
});

travel('export writes a self-contained file that opens elsewhere and re-decides the same', async () => {
  const file = join(await tempDir(), 'broken-lab.json');
  assert.is((await cli('travel', log, 'export', file)).code, 0);
  const reopened = await cli('travel', file, 'what-if', 'skip', String(restartInput.position), '--json');
  assert.is(reopened.code, 0, reopened.err);
  assert.is(JSON.parse(reopened.out).divergedAt, null);
});

travel('the prompt reads commands from standard input and moves its cursor, printing no prompt into a pipe', () => {
  const result = spawnSync(process.execPath, ['bin/pkilab.mjs', 'travel', log], {
    input: 'goto 10\nnext\nprev\nprev\nquit\n',
    encoding: 'utf8',
  });
  assert.is(result.status, 0, result.stderr);
  assert.equal(
    result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => Number(l.trim().split(/\s+/)[0])),
    [10, 11, 10, 9],
  );
  assert.not.match(result.stdout, /travel @/);
});

travel('piped with --json, the prompt prints one JSON document a line and errors as JSON on standard error', () => {
  const input = 'why "ConfigMgr Web Server Certificate"\ngoto 10\ngoto nowhere\nlog 1 2\n';
  const result = spawnSync(process.execPath, ['bin/pkilab.mjs', 'travel', log, '--json'], { input, encoding: 'utf8' });
  assert.is(result.status, 2, 'a piped command failed');
  const outputs = result.stdout
    .trimEnd()
    .split('\n')
    .map((l) => travelOutputShape.parse(JSON.parse(l)));
  assert.equal(
    outputs.map((o) => o.command),
    ['why', 'goto', 'log'],
  );
  assert.match(errorShape.parse(JSON.parse(result.stderr.trim())).error.message, /goto .*expected a position from 0 to \d+, found nowhere/);
});

travel("the prompt splits a line as a shell does: the README's quoted examples work", async () => {
  const session = createSession(await openSource(log, () => undefined), () => undefined);
  assert.match(
    (await session.run('why "ConfigMgr Web Server Certificate"')).lines[0]!,
    /^ConfigMgr Web Server Certificate: shaped by \d+ event/,
  );
  const changed = (await session.run(`what-if change ${restartInput.position} '{"computer":"SERVER1"}'`)).json;
  assert.is(changed.divergedAt, restartInput.position);
  const failure = (line: string) =>
    session.run(line).then(
      () => 'no error',
      (error: Error) => error.message,
    );
  assert.match(await failure('log 1 | head'), /shell operator "\|"/);
  assert.match(await failure('why "ConfigMgr'), /closing " for the quote opened at column 5/);
});

travel('bad input says what was expected', async () => {
  assert.is((await cli('travel', log, 'goto', 'ninety')).code, 2);
  assert.match((await cli('travel', log, 'what-if', 'change', '3', '{}')).err, /not an input \(ActionTaken\)/);
  assert.match((await cli('travel', '/nowhere/lab.jsonl', 'log')).err, /holds no events|no file/);
  const option = await cli('travel', '--bogus', log, 'log');
  assert.is(option.code, 2);
  assert.match(option.err, /^pkilab travel: unknown option --bogus; expected --json, --store VALUE, --follow or --help/);
});

travel.run();
