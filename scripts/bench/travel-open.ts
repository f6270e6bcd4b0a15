// Opening a large lab log in `pkilab travel`, in a process of its own as a user starts it: the time until the first
// answer at the position asked for (its first byte on stdout: the log is read in chunks, the answer comes once the
// events it needs are checked), the time until the whole log is checked (the process ends), the world after the last
// event, and the process's peak RSS, beside a bare node process that reads the same file and parses each line.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatLine } from '../../adapters/eventstore/jsonl-format.ts';
import type { RecordedEvent } from '../../domain/index.ts';
import { largeLog } from '../../test/support/large-log.ts';
import { computers, passes } from './lab-log.ts';
import { figure, fmt, header, ratios, repeat, type BenchContext, type BenchSection } from './measure.ts';

/**
 * Wall seconds, seconds until the first byte on stdout (the first answer), and peak RSS (MiB) of a node process, as
 * GNU time reports them; a failed run stops the bench.
 */
const timedProcess = (args: string[]): Promise<{ seconds: number; first: number; mib: number }> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    let first: number | undefined;
    let stderr = '';
    const child = spawn('/usr/bin/time', ['-f', 'pkilab-bench %e %M', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', () => {
      first ??= (performance.now() - started) / 1000;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const line = stderr.split('\n').find((l) => l.startsWith('pkilab-bench '));
      if (status !== 0 || !line)
        return reject(new Error(`node ${args.slice(0, 4).join(' ')} failed (exit ${status}): ${stderr.slice(0, 500)}`));
      const [, seconds, kib] = line.split(' ');
      resolve({ seconds: Number(seconds), first: first ?? Number(seconds), mib: Number(kib) / 1024 });
    });
  });

/** Writes the events as pkilab writes a log: one line each, with its integrity mark. */
const writeChainedLog = (log: string, events: readonly RecordedEvent[]) => {
  let chain = 0;
  writeFileSync(
    log,
    events
      .map((e) => {
        const line = formatLine(e, chain);
        chain = line.chain;
        return line.line;
      })
      .join(''),
  );
};

type Timed = Awaited<ReturnType<typeof timedProcess>>;
type Run = { baseline: Timed; startup: Timed; first: Timed; end: Timed };

/** The times: first answer and world at the end, beside the bare parse and node's start-up. */
const reportTimes = (context: BenchContext, runs: readonly Run[]) => {
  context.out(
    figure(
      'travel, first answer (goto 1, its first byte on stdout)',
      runs.map((r) => r.first.first),
      's',
      { digits: 2, target: '≤ 3 s' },
    ),
  );
  context.out(
    figure(
      'travel goto 1, the whole log checked (the process ends)',
      runs.map((r) => r.first.seconds),
      's',
      { digits: 2 },
    ),
  );
  context.out(
    figure(
      'travel, world after the last event (show N)',
      runs.map((r) => r.end.seconds),
      's',
      { digits: 2 },
    ),
  );
  context.out(
    figure(
      'baseline: node reads and parses each line',
      runs.map((r) => r.baseline.seconds),
      's',
      { digits: 2 },
    ),
  );
  // bin/pkilab.mjs runs the build, or the sources through tsx when they are newer: its start-up is in both figures.
  context.out(
    figure(
      'of which start-up (pkilab --help)',
      runs.map((r) => r.startup.seconds),
      's',
      { digits: 2 },
    ),
  );
  context.out(
    ratios(
      'ratio first answer / baseline',
      runs.map((r) => r.first.first),
      runs.map((r) => r.baseline.seconds),
    ),
  );
  context.out(
    ratios(
      'ratio whole log checked / baseline',
      runs.map((r) => r.first.seconds),
      runs.map((r) => r.baseline.seconds),
    ),
  );
};

/** Peak memory of the first answer, of the world at the end, and of the bare parse. */
const reportMemory = (context: BenchContext, runs: readonly Run[]) => {
  context.out(
    figure(
      'peak RSS, first answer',
      runs.map((r) => r.first.mib),
      'MiB',
      { target: '≤ 1 GB' },
    ),
  );
  context.out(
    figure(
      'peak RSS, world after the last event',
      runs.map((r) => r.end.mib),
      'MiB',
    ),
  );
  context.out(
    figure(
      'peak RSS, baseline',
      runs.map((r) => r.baseline.mib),
      'MiB',
    ),
  );
};

export const section: BenchSection = {
  name: 'travel-open',
  title: 'open a large lab log in pkilab travel',
  order: 55,
  async run(context) {
    const events = await largeLog(computers, passes);
    const dir = mkdtempSync(join(tmpdir(), 'pkilab-bench-travel-'));
    try {
      const log = join(dir, 'lab.jsonl');
      writeChainedLog(log, events);
      header(context, this.title, `${fmt(events.length)} events with real certificates, a fresh process each time`);
      const parse = `require('fs').readFileSync(${JSON.stringify(log)},'utf8').trimEnd().split('\\n').map((l)=>JSON.parse(l))`;
      const travel = (...command: string[]) => ['bin/pkilab.mjs', 'travel', log, ...command, '--json'];
      const runs = await repeat(context.runs, async () => ({
        baseline: await timedProcess(['-e', parse]),
        startup: await timedProcess(['bin/pkilab.mjs', '--help']),
        first: await timedProcess(travel('goto', '1')),
        end: await timedProcess(travel('show', String(events.length), '--section', 'configmgr')),
      }));
      reportTimes(context, runs);
      reportMemory(context, runs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
