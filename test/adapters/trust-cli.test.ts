import { appendFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lockLab } from '../../adapters/eventstore/lock.ts';
import { cli, tempDir } from '../support/cli.ts';

const trust = suite('a lab can be trusted (pkilab commands)');
const root = process.cwd();
const scenario = (name: string) => resolve(root, 'scenarios', `${name}.yaml`);

const inFolder = async <T>(folder: string, action: () => Promise<T>): Promise<T> => {
  const previous = process.cwd();
  process.chdir(folder);
  try {
    return await action();
  } finally {
    process.chdir(previous);
  }
};

trust('a scenario named ".." runs in a folder of its own and deletes nothing where pkilab was started', async () => {
  const work = await tempDir();
  for (const name of ['keys', 'artifacts', 'exports']) {
    await mkdir(join(work, name));
    await writeFile(join(work, name, 'mine.txt'), 'keep me');
  }
  const text = (await readFile(scenario('iis-web-server-certificate'), 'utf8')).replace(/^scenario: .*$/m, 'scenario: ".."');
  await writeFile(join(work, 'dots.yaml'), text);
  const result = await inFolder(work, () => cli('run', join(work, 'dots.yaml')));
  assert.is(result.code, 0, result.err);
  for (const name of ['keys', 'artifacts', 'exports']) assert.is(await readFile(join(work, name, 'mine.txt'), 'utf8'), 'keep me');
  assert.ok((await readdir(join(work, '.pkilab'))).length === 1);
});

trust('run --out into a folder that holds a lab refuses and says how to go on; --force replaces it', async () => {
  const out = await tempDir();
  assert.is((await cli('run', scenario('iis-web-server-certificate'), '--out', out)).code, 0);
  const log = await readFile(join(out, 'lab.jsonl'));
  const refused = await cli('run', scenario('iis-no-restart'), '--out', out);
  assert.is(refused.code, 2);
  assert.match(refused.err, /already holds a lab .*--force/);
  assert.equal(await readFile(join(out, 'lab.jsonl')), log);
  const forced = await cli('run', scenario('iis-no-restart'), '--out', out, '--force');
  assert.is(forced.code, 0, forced.err);
  assert.not.equal(await readFile(join(out, 'lab.jsonl')), log);
});

trust('run without --out replaces its own earlier lab, but never a folder pkilab did not make', async () => {
  const work = await tempDir();
  await inFolder(work, async () => {
    assert.is((await cli('run', scenario('iis-no-restart'))).code, 0);
    assert.is((await cli('run', scenario('iis-no-restart'))).code, 0);
    await mkdir(join(work, '.pkilab', 'iis-web-server-certificate', 'keys'), { recursive: true });
    await writeFile(join(work, '.pkilab', 'iis-web-server-certificate', 'keys', 'precious.key'), 'not pkilab');
    const refused = await cli('run', scenario('iis-web-server-certificate'));
    assert.is(refused.code, 2);
    assert.match(refused.err, /pkilab did not make/);
    assert.is(await readFile(join(work, '.pkilab', 'iis-web-server-certificate', 'keys', 'precious.key'), 'utf8'), 'not pkilab');
  });
});

trust('findings and travel leave a log exactly as it was, torn last line included', async () => {
  const out = await tempDir();
  assert.is((await cli('run', scenario('iis-no-restart'), '--out', out)).code, 0);
  await appendFile(join(out, 'lab.jsonl'), '{"type":"ActionTak');
  const before = await readFile(join(out, 'lab.jsonl'));
  const findings = await cli('findings', join(out, 'lab.jsonl'));
  assert.is(findings.code, 0);
  assert.match(findings.err, /last line is incomplete.*ignored/);
  assert.is((await cli('travel', join(out, 'lab.jsonl'), 'log')).code, 0);
  assert.equal(await readFile(join(out, 'lab.jsonl')), before);
});

trust('a second writer is refused with exit 2, naming the process that holds the lab', async () => {
  const out = await tempDir();
  assert.is((await cli('run', scenario('iis-no-restart'), '--out', out)).code, 0);
  const lock = await lockLab(join(out, 'lab.jsonl'), 'pkilab step');
  try {
    const second = await cli('run', scenario('iis-no-restart'), '--out', out, '--force');
    assert.is(second.code, 2);
    assert.match(second.err, new RegExp(`being written by process ${process.pid} .*\\(pkilab step\\)`));
  } finally {
    await lock.release();
  }
});

trust('fork and export refuse an existing target unless --force', async () => {
  const out = await tempDir();
  assert.is((await cli('run', scenario('iis-no-restart'), '--out', out)).code, 0);
  const log = join(out, 'lab.jsonl');
  const target = join(await tempDir(), 'bundle.json');
  await writeFile(target, 'mine');
  const refused = await cli('travel', log, 'export', target);
  assert.is(refused.code, 2);
  assert.match(refused.err, /already exists.*--force/);
  assert.is(await readFile(target, 'utf8'), 'mine');
  assert.is((await cli('travel', log, 'export', target, '--force')).code, 0);
  assert.is((await stat(target)).mode & 0o777, 0o600);
  const position = JSON.parse((await cli('travel', log, 'log', '--json')).out).events.find(
    (e: { type: string; step: string }) => e.type === 'ActionTaken' && e.step === 'issue-template',
  )?.position;
  const fork = join(await tempDir(), 'lab.jsonl');
  assert.is((await cli('travel', log, 'fork', fork, 'skip', String(position))).code, 0);
  const again = await cli('travel', log, 'fork', fork, 'skip', String(position));
  assert.is(again.code, 2);
  assert.match(again.err, /already holds a lab/);
  assert.is((await cli('travel', log, 'fork', fork, 'skip', String(position), '--force')).code, 0);
  assert.is((await cli('findings', fork)).code, 0);
});

trust('a reader that goes away ends the output quietly: no stack trace, exit 0', async () => {
  const out = await tempDir();
  assert.is((await cli('run', scenario('iis-no-restart'), '--out', out)).code, 0);
  const { spawnSync } = await import('node:child_process');
  const piped = spawnSync(
    'bash',
    ['-c', `node bin/pkilab.mjs travel ${join(out, 'lab.jsonl')} log --json | head -c 10 >/dev/null; exit \${PIPESTATUS[0]}`],
    { cwd: root, encoding: 'utf8' },
  );
  assert.is(piped.status, 0, piped.stderr);
  assert.is(piped.stderr, '');
});

trust('bad input ends with one located line and exit 2, as JSON on stderr with --json, never a stack trace', async () => {
  const out = await tempDir();
  await writeFile(join(out, 'lab.jsonl'), 'garbage\n{"also":"bad"}\n');
  for (const args of [
    ['findings', join(out, 'lab.jsonl')],
    ['travel', join(out, 'nowhere.jsonl'), 'log'],
    ['travel', join(out, 'lab.jsonl'), 'log'],
    ['run', join(out, 'none.yaml')],
  ]) {
    const r = await cli(...args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.not.match(r.err, /\n\s+at /, `${args.join(' ')} printed a stack trace`);
  }
  const json = await cli('findings', join(out, 'lab.jsonl'), '--json');
  assert.is(json.code, 2);
  assert.is(JSON.parse(json.err).error.code, 'EVENTSTORE_CORRUPT_LOG');
  const empty = await cli('findings', join(out, 'none.jsonl'), '--json');
  assert.is(empty.code, 2);
  assert.is(JSON.parse(empty.err).error.code, 'FINDINGS_INPUT');
});

trust.run();
