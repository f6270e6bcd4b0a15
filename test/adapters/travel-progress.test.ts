import { spawnSync } from 'node:child_process';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readingLine, readingProgress } from '../../adapters/cli/travel-progress.ts';
import { chainedLines, writeLog } from '../support/chained-log.ts';
import { largeLog } from '../support/large-log.ts';

const progress = suite("pkilab travel's progress while a log is checked");
const events = await largeLog(12, 60);
const lines = chainedLines(events);
const log = await writeLog(lines);
/** Read 2 KiB at a time, so this small log takes many chunks. */
const small = { PKILAB_READ_CHUNK_BYTES: '2048' };

/** `pkilab travel` in a process of its own, its output piped. */
const travel = (env: Record<string, string>, ...args: string[]) => {
  const run = spawnSync(process.execPath, ['bin/pkilab.mjs', 'travel', ...args], {
    encoding: 'utf8',
    env: { ...process.env, PKILAB_PROGRESS: '', ...env },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
};

progress('the line says how much is checked and about how many events the log holds', () => {
  assert.is(
    readingLine({ events: 410_000, bytes: 41_000_000, size: 100_000_000, complete: false }),
    'checking the log: 41% (410,000 of about 1,000,000 events)',
  );
});

progress('the indicator is drawn on a terminal while the log is read, and cleared when the read ends', () => {
  const written: string[] = [];
  let t = 0;
  const indicator = readingProgress({ isTTY: true, columns: 80, write: (text) => written.push(text) }, () => (t += 200));
  let tell: (p: { events: number; bytes: number; size: number; complete: boolean }) => void = () => undefined;
  indicator.follow({ onProgress: (listener: typeof tell) => (tell = listener) } as never);
  tell({ events: 10, bytes: 10, size: 100, complete: false });
  indicator.pause();
  tell({ events: 20, bytes: 20, size: 100, complete: false });
  indicator.resume();
  tell({ events: 100, bytes: 100, size: 100, complete: true });
  assert.equal(written, [
    '\rchecking the log: 10% (10 of about 100 events)\x1b[K',
    '\r\x1b[K',
    '\rchecking the log: 20% (20 of about 100 events)\x1b[K',
    '\r\x1b[K',
  ]);
});

progress('on a terminal (forced) the answer comes first and the indicator is cleared when the rest is checked', () => {
  const run = travel({ ...small, PKILAB_PROGRESS: '1' }, log, 'goto', '2');
  assert.is(run.code, 0, run.err);
  assert.match(run.out, /^\s+2 {2}\S+ {2}\[[^\]]*\] \w+: /);
  assert.match(run.out, /\(the log is still being checked: [\d,]+ events so far, \d+% of the file;/);
  assert.match(run.err, /\rchecking the log: \d+% \([\d,]+ of about [\d,]+ events\)\x1b\[K/);
  assert.ok(run.err.endsWith('\r\x1b[K'), JSON.stringify(run.err.slice(-40)));
});

progress('nothing is drawn when stderr is not a terminal, nor with --json', () => {
  const piped = travel(small, log, 'goto', '2');
  assert.is(piped.code, 0, piped.err);
  assert.is(piped.err, '');
  const json = travel({ ...small, PKILAB_PROGRESS: '1' }, log, 'goto', '2', '--json');
  assert.is(json.code, 0, json.err);
  assert.is(json.err, '');
  assert.is(JSON.parse(json.out).position, 2);
});

progress('a line damaged late in the log is refused with its line after the first answer, exit 2', async () => {
  const at = events.length - 4;
  const damaged = await writeLog([...lines.slice(0, at - 1), lines[at - 1]!.replace('"timer"', '"Timer"'), ...lines.slice(at)]);
  const run = travel(small, damaged, 'goto', '1', '--json');
  assert.is(run.code, 2);
  assert.is(JSON.parse(run.out).position, 1);
  const error = JSON.parse(run.err).error;
  assert.is(error.code, 'EVENTSTORE_CORRUPT_LOG');
  assert.match(error.message, new RegExp(`lab\\.jsonl:${at}: line ${at} was changed after it was written`));
});

progress.run();
