import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, tempDir } from '../support/cli.ts';
import { testStore } from '../support/postgres.ts';

// The commands that read and write labs, against a real PostgreSQL store (a schema of this file's own).
const { store, url, done } = await testStore();
const eventTexts = async (lab: string) =>
  (
    await store.db.pool.query<{ body: string }>(`SELECT body FROM ${store.db.table('events')} WHERE lab = $1 ORDER BY position`, [lab])
  ).rows.map((r) => r.body);
/** A JSONL log's events as the text pkilab wrote them, without the integrity mark at the end of each line. */
const fileTexts = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((l) => l.replace(/,"(chain|commit)":"[0-9a-f]{8}"\}$/, '}'));

const commands = suite('adapters/cli with --store postgres://');
const folder = await tempDir('pkilab-pg-cli-');
const scenario = 'scenarios/cloud-dp-service-certificate.yaml';

commands('run --store --lab records the lab in the store, artifacts locally; a second run under the name is refused', async () => {
  const first = await cli('run', scenario, '--store', url, '--lab', 'team/cloud', '--out', join(folder, 'run'), '--json');
  assert.is(first.code, 0, first.err);
  const report = JSON.parse(first.out);
  assert.match(report.log, /#team\/cloud$/);
  assert.not.match(report.log, /pkilab:pkilab@/, 'the password never appears');
  assert.ok(report.pfx.length > 0 && report.pfx[0].path.startsWith(join(folder, 'run', 'exports')));
  assert.is((await eventTexts('team/cloud')).length, (await store.events.read('team/cloud')).length);
  const again = await cli('run', scenario, '--store', url, '--lab', 'team/cloud');
  assert.is(again.code, 2);
  assert.match(again.err, /team\/cloud already holds a lab; choose another name, or add --force/);
});

commands('lab copy moves a lab to JSONL and back with every event the same text, keys and secrets included', async () => {
  const out = join(folder, 'copy', 'lab.jsonl');
  const down = await cli('lab', 'copy', 'team/cloud', out, '--store', url);
  assert.is(down.code, 0, down.err);
  const original = await eventTexts('team/cloud');
  assert.equal(await fileTexts(out), original);
  const up = await cli('lab', 'copy', out, 'team/cloud-again', '--store', url);
  assert.is(up.code, 0, up.err);
  assert.equal(await eventTexts('team/cloud-again'), original);
  assert.equal(await store.ports('team/cloud-again').secrets.all(), await store.ports('team/cloud').secrets.all());
  const keys = JSON.parse(await readFile(join(folder, 'copy', 'keys', 'secrets.json'), 'utf8'));
  assert.equal(keys, await store.ports('team/cloud').secrets.all());
  const refused = await cli('lab', 'copy', out, 'team/cloud', '--store', url);
  assert.is(refused.code, 2);
  assert.match(refused.err, /already holds a lab/);
});

commands('labs lists the store, findings and travel read a lab by name', async () => {
  const labs = await cli('labs', 'team/', '--store', url, '--json');
  assert.equal(
    JSON.parse(labs.out).labs.map((l: { lab: string }) => l.lab),
    ['team/cloud', 'team/cloud-again'],
  );
  const findings = await cli('findings', 'team/cloud', '--store', url, '--json');
  assert.is(findings.code, 0, findings.err);
  assert.ok(Array.isArray(JSON.parse(findings.out).findings));
  const travel = await cli('travel', 'team/cloud', '--store', url, 'goto', '5', '--json');
  assert.is(travel.code, 0, travel.err);
});

commands('class create makes a lab per student from the scenario; class status tells where each stands', async () => {
  const created = await cli(
    'class',
    'create',
    'class1',
    '--students',
    '2',
    '--scenario',
    'scenarios/iis-web-server-certificate.yaml',
    '--store',
    url,
  );
  assert.is(created.code, 0, created.err);
  assert.match(created.out, /class class1: 2 lab\(s\)/);
  const status = JSON.parse((await cli('class', 'status', 'class1', '--store', url, '--json')).out);
  assert.equal(
    status.labs.map((l: { lab: string }) => l.lab),
    ['class1/student-01', 'class1/student-02'],
  );
  assert.equal(await eventTexts('class1/student-02'), await eventTexts('class1/student-01'));
  for (const lab of status.labs) {
    assert.equal(lab.procedure, { id: 'iis-web-server-certificate', title: lab.procedure.title, completed: true });
    assert.is(lab.stuck, false);
  }
  const again = await cli(
    'class',
    'create',
    'class1',
    '--students',
    '3',
    '--scenario',
    'scenarios/iis-web-server-certificate.yaml',
    '--store',
    url,
  );
  assert.is(again.code, 2);
  assert.match(again.err, /2 of its labs already exist/);
});

commands('class create gives every student the PFX files the scenario exported, so importing one works in every lab', async () => {
  const scenario = join(await tempDir(), 'exported.yaml');
  await writeFile(
    scenario,
    [
      'scenario: exported',
      'title: exported, not yet imported',
      'procedures:',
      '  - procedure: cloud-dp-service-certificate',
      '    until: export',
      '    steps:',
      '      export: { file: clouddp1.pfx, password: Pa55w.rd-CloudDP }',
      '',
    ].join('\n'),
  );
  // The first lab's export is also written to .pkilab/store/ in the working folder: a temporary one here.
  const here = process.cwd();
  process.chdir(await tempDir());
  const created = await cli('class', 'create', 'exported', '--students', '2', '--scenario', scenario, '--store', url).finally(() =>
    process.chdir(here),
  );
  assert.is(created.code, 0, created.err);
  const select = `SELECT name, content FROM ${store.db.table('files')} WHERE lab = $1 ORDER BY name`;
  const files = async (lab: string) => (await store.db.pool.query(select, [lab])).rows;
  const first = await files('exported/student-01');
  assert.is(first.length, 1, 'the scenario exported one PFX');
  assert.equal(await files('exported/student-02'), first);
});

commands('bad input is refused saying what was expected and what was found', async () => {
  const noStore = await cli('labs');
  assert.is(noStore.code, 2);
  assert.match(noStore.err, /expected --store postgres:\/\/… \(or PKILAB_STORE\), found neither/);
  const notUrl = await cli('labs', '--store', 'mysql://x');
  assert.match(notUrl.err, /expected a PostgreSQL URL .*found "mysql:\/\/x"/);
  const badName = await cli('findings', 'class1//x', '--store', url);
  assert.is(badName.code, 2);
  assert.match(badName.err, /lab name: expected parts .* found an empty part/);
  const noServer = await cli('labs', '--store', 'postgres://nobody:secret@127.0.0.1:1/none');
  assert.is(noServer.code, 2);
  assert.match(noServer.err, /cannot use the PostgreSQL store postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
  assert.not.match(noServer.err, /secret/);
  const students = await cli(
    'class',
    'create',
    'class9',
    '--students',
    'abc',
    '--scenario',
    'scenarios/iis-no-restart.yaml',
    '--store',
    url,
  );
  assert.is(students.code, 2);
  assert.match(students.err, /--students: expected a whole number from 1 to 500, found "abc"/);
  const noClass = await cli('class', 'status', 'no-such-class', '--store', url);
  assert.is(noClass.code, 2, 'a mistyped class name is not an empty class');
  assert.match(
    noClass.err,
    /no-such-class: expected the labs of a class \(no-such-class\/student-01…\), found none in postgres:.*pkilab labs/,
  );
  const followWhat = await cli('travel', 'class1/student-01', '--store', url, '--follow', 'log');
  assert.is(followWhat.code, 2, 'not followed with the command left unsaid');
  assert.match(followWhat.err, /--follow prints events as they land and takes no COMMAND or --json, found "log"/);
  const extra = await cli('labs', 'class1/', 'extra', '--store', url);
  assert.is(extra.code, 2);
  assert.match(extra.err, /labs: expected one PREFIX at most, found "class1\/ extra"/);
});

commands.after(done);
commands.run();
