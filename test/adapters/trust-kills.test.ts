// Trust, with real processes: runs killed at random moments (or cut short on disk) lose no acknowledged step and
// leave a lab that continues. Each process has a deadline that kills it; `npm run torture` runs the same trials by
// the hundred.
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { fileKeyStore } from '../../adapters/keystore/files.ts';
import {
  actionsOfTravelLog,
  crashOf,
  describeEnd,
  killAndResume,
  pkilab,
  pkilabInProcess,
  pool,
  repoRoot,
  type KillTrial,
  type TrialReport,
} from '../support/processes.ts';
import { deadline, trustSuite } from '../support/trust-suite.ts';
import { KeyRef } from '../../domain/index.ts';

const { test: trust, folder } = trustSuite('adapters/trust-kills: a run killed or cut short loses no acknowledged step');

const random = (n: number) => Math.floor(Math.random() * n);

const assertClean = (report: TrialReport) => {
  const detail = report.problems.map((p) => `  [${p.kind}] ${p.detail}`).join('\n');
  assert.ok(report.problems.length === 0, `${report.name}:\n${detail}\n  notes: ${report.notes.join('; ')}`);
};

/** Steps each scenario prints when it runs whole. */
const printed: Record<string, number> = {
  'scenarios/iis-web-server-certificate.yaml': 11,
  'scenarios/cloud-dp-service-certificate.yaml': 10,
  '--all': 80,
  'scenarios/dp-client-certificate.yaml': 20,
  'scenarios/windows-client-certificate.yaml': 11,
};

/**
 * Kill trials of this suite: after a random step line, a random few milliseconds on, while the run still
 * has steps to take. Moments at any time of a run (start-up, the first append, the end) are the torture's.
 */
const killTrials = async (
  trials: ReadonlyArray<{ scenario: string; signal: NodeJS.Signals; quitOnly: boolean }>,
): Promise<TrialReport[]> => {
  const planned: KillTrial[] = await Promise.all(
    trials.map(async ({ scenario, signal, quitOnly }) => ({
      scenario,
      signal,
      quitOnly,
      dir: await folder(),
      readers: 'in-process' as const,
      timeoutMs: deadline,
      moment: { afterStep: 1 + random(printed[scenario]! - 3), thenMs: random(150) },
    })),
  );
  return pool(planned, 2, killAndResume);
};

trust('a run killed (SIGKILL, SIGINT) at a random moment: the log opens, no acknowledged step is lost, the lab continues', async () => {
  const reports = await killTrials([
    { scenario: 'scenarios/iis-web-server-certificate.yaml', signal: 'SIGKILL', quitOnly: true },
    { scenario: 'scenarios/cloud-dp-service-certificate.yaml', signal: 'SIGKILL', quitOnly: false },
    { scenario: 'scenarios/windows-client-certificate.yaml', signal: 'SIGINT', quitOnly: false },
  ]);
  reports.forEach(assertClean);
  assert.ok(
    reports.every((r) => r.acknowledged > 0),
    'steps were acknowledged before each kill',
  );
});

/*
 * A run killed after it wrote the CA key (keys/ca-contoso-CA1-CA.key, written before the first append so
 * that a resumed creation reuses it) and before its first append leaves a folder with keys and no log.
 * The stepper once "continued" it as a lab of 0 events: a ProcedureStarted with `"at": ""` at position 1
 * (a log with no LabCreated), then exit 70 "internal error: Invalid time value". It must not crash nor
 * write a log without the lab's creation: the lab continues from its creation, or exit 2 and no log.
 */
trust('a run killed between its CA key and its first append: the stepper neither crashes nor writes a log without the lab', async () => {
  const dir = await folder();
  const log = join(dir, 'lab.jsonl');
  // What such a kill leaves: the folder marked as pkilab's, the CA key written, no log (made here without a race).
  await writeFile(
    join(dir, '.pkilab-lab'),
    `${JSON.stringify({ format: 'pkilab-lab-folder/1', by: 'pkilab run scenarios/iis-web-server-certificate.yaml' })}\n`,
  );
  await fileKeyStore(join(dir, 'keys')).generate(KeyRef('ca-contoso-CA1-CA'), 2048);

  const step = await pkilab(['step', '--plain', '--lab', log, 'iis-web-server-certificate'], { input: '1\nq\n', timeoutMs: deadline });
  assert.is(crashOf(step), undefined, `the stepper crashed on a lab killed before its first append: ${describeEnd(step)}`);
  const findings = await pkilabInProcess(['findings', log]);
  if (step.code === 0) {
    assert.is(findings.code, 0, describeEnd(findings));
    const logged = actionsOfTravelLog((await pkilabInProcess(['travel', log, 'log', '--json'])).out);
    assert.is(logged.length, 1, 'the step taken is in the log');
  } else {
    assert.is(step.code, 2, describeEnd(step));
    assert.is(step.err.trim().split('\n').length, 1, describeEnd(step));
    assert.is(findings.code, 2, `the refused stepper left no log: ${describeEnd(findings)}`);
  }
});

/*
 * One step is one append of several lines (ActionTaken, then its outcome). A write cut short — a SIGKILL
 * between the pages of write(2) (Linux returns a short write at a page boundary when a fatal signal is
 * pending), or a machine that stops before every page of the append reached the disk — leaves the first
 * lines of the append complete and the next one torn. When only the torn line was ignored, the log kept half
 * a step (request-certificate's ActionTaken without the CertificateIssued and CertificateInstalled it
 * decided) and the lab went on past a step whose effects were missing (bind rejected CERTIFICATE_NOT_IN_STORE).
 * An append must land whole or not at all: the unfinished append is ignored, and the step is taken again.
 */
trust('an append cut short at a page boundary leaves no half step: the log ends before it and the step is taken again', async () => {
  const dir = await folder();
  const log = join(dir, 'lab.jsonl');
  const run = await pkilabInProcess(['run', 'scenarios/iis-web-server-certificate.yaml', '--out', dir]);
  assert.is(run.code, 0, describeEnd(run));
  // The lines of the log with their byte offsets; the append of request-certificate runs up to the next input.
  const bytes = await readFile(log);
  const lines: Array<{ start: number; event: { type: string; data?: { step?: string } } }> = [];
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(0x0a, start);
    lines.push({ start, event: JSON.parse(bytes.subarray(start, end).toString('utf8')) });
    start = end + 1;
  }
  const first = lines.findIndex((l) => l.event.type === 'ActionTaken' && l.event.data?.step === 'request-certificate');
  const next = lines.findIndex((l, i) => i > first && l.event.type === 'ActionTaken');
  assert.ok(first > 0 && next > first + 1, 'request-certificate appends its input and its outcome together');
  const [from, to] = [lines[first]!.start, lines[next]!.start];
  const page = Math.ceil((from + 1) / 4096) * 4096;
  // Where a short write stops: at the end of a line inside the append (no torn line at all), or at the first
  // page boundary inside it (else half way through it). The log must read as ending before the append.
  for (const cut of [lines[first + 1]!.start, page < to ? page : from + Math.floor((to - from) / 2)]) {
    await writeFile(log, bytes);
    await truncate(log, cut);
    const read = await pkilabInProcess(['travel', log, 'log', '--json']);
    assert.is(read.code, 0, describeEnd(read));
    const { events } = JSON.parse(read.out) as { events: Array<{ position: number; type: string; step: string }> };
    assert.is(
      events.length,
      first,
      `cut at byte ${cut}: the log reads as ending before the append that never completed (at position ${first}); it ends at ${events.at(-1)?.position} with ${events.at(-1)?.type} of ${events.at(-1)?.step}`,
    );
  }

  const step = await pkilab(['step', '--plain', '--lab', log, 'iis-web-server-certificate'], { input: '1\nq\n', timeoutMs: deadline });
  assert.is(step.code, 0, describeEnd(step));
  assert.match(step.out, 'Request the certificate on SERVER1 (Certificates snap-in, Computer account): done');
});

/*
 * WriterLock.release() (adapters/eventstore/lock.ts) once removed `<log>.lock-holder` first and the lock
 * folder `<log>.lock` after: a writer killed between the two (a `pkilab run` killed as it finishes) left a
 * lock folder with no holder named, and the next writer was refused for 30 s with "being written by another
 * process (it has not written its name yet)" although no process was (seen in the random kills here).
 * The holder here is a real process that takes the lock and releases it, killed (SIGKILL) at the moment
 * proper-lockfile removes the lock folder, i.e. after whatever release() does before that.
 */
trust('a writer killed while it releases the lab leaves a lab the next writer takes at once', async () => {
  const dir = await folder();
  const log = join(dir, 'lab.jsonl');
  const run = await pkilabInProcess(['run', 'scenarios/iis-no-restart.yaml', '--out', dir]);
  assert.is(run.code, 0, describeEnd(run));
  const holder = join(dir, 'holder.mts');
  await writeFile(
    holder,
    [
      "import fs from 'node:fs';",
      `const log = ${JSON.stringify(log)};`,
      'const rmdir = fs.rmdir;',
      "fs.rmdir = function (path, ...rest) { if (String(path) === `${log}.lock`) process.kill(process.pid, 'SIGKILL'); return rmdir.call(this, path, ...rest); };",
      `const { lockLab } = await import(${JSON.stringify(join(repoRoot, 'adapters/eventstore/lock.ts'))});`,
      "const lock = await lockLab(log, 'pkilab run (killed while it releases the lab)');",
      'await lock.release();',
    ].join('\n'),
  );
  const killed = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', holder], { cwd: repoRoot, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), deadline);
    child.on('close', (code, signal) => (clearTimeout(timer), done({ code, signal })));
  });
  assert.is(killed.signal, 'SIGKILL', 'the holder was killed as it removed the lock folder');

  const next = await pkilab(['step', '--plain', '--lab', log], { input: 'q\n', timeoutMs: deadline });
  assert.is(crashOf(next), undefined, describeEnd(next));
  assert.is(next.code, 0, `the next writer is refused although no process holds the lab: ${describeEnd(next)}`);
});

trust.run();
