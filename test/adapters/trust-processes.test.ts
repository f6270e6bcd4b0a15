// Trust, with real processes: one writer per lab, and readers that never disturb a writer (runs killed at random
// moments are trust-kills.test.ts). Each process has a deadline that kills it.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import {
  actionsOfTravelLog,
  crashOf,
  describeEnd,
  lostSteps,
  pkilab,
  pkilabInProcess,
  printedSteps,
  readRawLog,
  startPkilab,
  type Finished,
} from '../support/processes.ts';
import { deadline, trustSuite } from '../support/trust-suite.ts';

const { test: trust, folder } = trustSuite('adapters/trust-processes: one writer per lab, readers that never disturb it');

trust('two writers on one lab: the second exits 2 naming the holder; the first goes on and the log stays valid', async () => {
  const dir = await folder();
  const first = startPkilab(['step', '--plain', '--out', dir, 'iis-web-server-certificate'], { timeoutMs: deadline });
  try {
    assert.ok(await first.until(/Choices:/, deadline), `the first writer did not show its step: ${first.err()}`);
    const log = join(dir, 'lab.jsonl');
    const held = await readRawLog(log);
    const [step, run] = await Promise.all([
      pkilab(['step', '--plain', '--out', dir, 'iis-web-server-certificate'], { input: '1\nq\n', timeoutMs: deadline }),
      pkilab(['run', 'scenarios/iis-web-server-certificate.yaml', '--out', dir, '--force'], { timeoutMs: deadline }),
    ]);
    for (const second of [step, run]) {
      assert.is(crashOf(second), undefined);
      assert.is(second.code, 2, describeEnd(second));
      const lines = second.err.trim().split('\n');
      assert.is(lines.length, 1, `one line on stderr: ${second.err}`);
      assert.match(lines[0]!, `being written by process ${first.pid} on `);
      assert.match(lines[0]!, '(pkilab step)');
    }
    assert.match(run.err, /^pkilab run: /);
    assert.match(step.err, /^pkilab step: /);
    assert.equal((await readRawLog(log)).lines, held.lines, 'the refused writers left the log as it was');

    const before = (await pkilabInProcess(['travel', log, 'log', '--json'])).out;
    const shown = first.out().length;
    first.send('1\n');
    assert.ok(
      await first.until((out) => /Create the security group ConfigMgr IIS Servers: done/.test(out.slice(shown)), deadline),
      `the first writer did not take its step: ${first.err()}`,
    );
    first.send('q\n');
    const ended = await first.finished;
    assert.is(ended.code, 0, describeEnd(ended));
    assert.is(crashOf(ended), undefined);

    const findings = await pkilabInProcess(['findings', log]);
    assert.is(findings.code, 0, describeEnd(findings));
    const actions = actionsOfTravelLog((await pkilabInProcess(['travel', log, 'log', '--json'])).out);
    assert.is(actions.length, actionsOfTravelLog(before).length + 1);
    assert.equal(actions.at(-1), { position: actions.at(-1)!.position, procedure: 'iis-web-server-certificate', step: 'create-group' });
    assert.equal(await readdir(dir).then((names) => names.filter((n) => n.startsWith('lab.jsonl.lock'))), [], 'the lock is released');
  } finally {
    first.kill('SIGKILL');
    await first.finished;
  }
});

trust('a reader opening a log while a writer appends loses the writer nothing', async () => {
  const dir = await folder();
  const log = join(dir, 'lab.jsonl');
  const run = startPkilab(['run', '--all', '--out', dir], { timeoutMs: deadline });
  const readings: Finished[] = [];
  let running = true;
  void run.finished.then(() => (running = false));
  // Readers in their own processes, one at a time (two cores: the run and one reader) …
  const processes = (async () => {
    for (const args of [
      ['findings', log, '--json'],
      ['travel', log, 'log'],
    ])
      if (running) readings.push(await pkilab(args, { timeoutMs: deadline }));
  })();
  // … and many more in this process, which open the log at every stage of its appends.
  const inProcess = (async () => {
    for (let i = 0; running; i += 1) {
      readings.push(await pkilabInProcess(i % 2 === 0 ? ['findings', log, '--json'] : ['travel', log, 'log'], { timeoutMs: deadline }));
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  const ran = await run.finished;
  await Promise.all([processes, inProcess]);
  assert.is(ran.code, 0, describeEnd(ran));
  assert.ok(
    readings.some((r) => r.pid !== process.pid),
    'a reader process ran while the log was written',
  );
  for (const reading of readings) {
    assert.is(crashOf(reading), undefined, describeEnd(reading));
    assert.ok(reading.code === 0 || reading.code === 2, describeEnd(reading));
    if (reading.code === 2) {
      const lines = reading.err
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('warning: '));
      assert.is(lines.length, 1, `one located line: ${describeEnd(reading)}`);
      assert.match(lines[0]!, /^(pkilab (findings|travel): |\{"ok":false)/);
      assert.match(lines[0]!, dir);
    }
    if (reading.code === 0 && reading.args[0] === 'findings') assert.ok(JSON.parse(reading.out).position > 0);
  }
  const printed = printedSteps(ran.out);
  assert.ok(printed.length >= 9 * 5, `the seed deployment printed its steps (${printed.length})`);
  const travel = await pkilabInProcess(['travel', log, 'log', '--json']);
  assert.is(travel.code, 0, describeEnd(travel));
  const logged = actionsOfTravelLog(travel.out);
  assert.equal(await lostSteps(printed, logged), []);
  assert.is(logged.length, printed.length);
  const findings = await pkilabInProcess(['findings', log, '--json']);
  assert.is(findings.code, 0, describeEnd(findings));
  assert.not.match(findings.err, /warning/);
  // The readers did open the log while it grew.
  const end = JSON.parse(findings.out).position as number;
  const during = readings.filter((r) => r.code === 0 && r.args[0] === 'findings').map((r) => JSON.parse(r.out).position as number);
  assert.ok(
    readings.length >= 10 && during.some((p) => p < end),
    `${readings.length} readings; positions seen: ${during.join(', ')} of ${end}`,
  );
});

trust.run();
