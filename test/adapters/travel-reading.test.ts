import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readLogInChunks } from '../../adapters/eventstore/jsonl-chunks.ts';
import { jsonlEventStore } from '../../adapters/eventstore/jsonl.ts';
import { travelOutputShape } from '../../adapters/travel/json.ts';
import { createSession } from '../../adapters/travel/session.ts';
import { openSource, openSourceInChunks } from '../../adapters/travel/source.ts';
import type { RecordedEvent } from '../../domain/index.ts';
import { chainedLines, writeLog } from '../support/chained-log.ts';
import { largeLog } from '../support/large-log.ts';

const reading = suite('travel over a log still being read');
const events = await largeLog(12, 60);
const lines = chainedLines(events);
const path = await writeLog(lines);
/** Small chunks, so a log of a few hundred events is read in many pieces. */
const chunk = 2048;

/** The store's refusal of a log, read whole, as the error it throws. */
const storeRefusal = async (log: string): Promise<{ code: string; message: string }> => {
  const folder = log.slice(0, -'/lab.jsonl'.length);
  const error = await jsonlEventStore(folder)
    .read('lab')
    .then(() => undefined)
    .catch((e: { code: string; message: string }) => e);
  assert.ok(error, `${log}: the store opened it`);
  return { code: error!.code, message: error!.message };
};

reading('the first answer comes from the events checked so far while the rest is read, and says so', async () => {
  const source = await openSourceInChunks(path, () => undefined, chunk);
  const session = createSession(source, () => undefined);
  const first = await session.runWords(['show', '40', '--section', 'stores']);
  assert.ok(source.reading && !source.reading.progress.complete, 'the read ended before the first answer');
  assert.ok(source.events.length < events.length);
  assert.ok(travelOutputShape.safeParse(first.json).success);
  const checking = first.json.checking as { events: number; percent: number };
  assert.is(checking.events, source.events.length);
  assert.ok(checking.percent >= 0 && checking.percent < 100);
  assert.match(first.lines.at(-1)!, /^\(the log is still being checked: [\d,]+ events so far, \d+% of the file;/);
  // What it showed is what the whole log shows at that position.
  const whole = await createSession(await openSource(path, () => undefined), () => undefined).runWords([
    'show',
    '40',
    '--section',
    'stores',
  ]);
  const { checking: _, ...answer } = first.json;
  assert.equal(answer, whole.json);
  assert.equal(first.lines.slice(0, -1), whole.lines);
  await source.reading!.done;
  assert.is(source.events.length, events.length);
  assert.is(session.reading, undefined);
  const later = await session.runWords(['show', '40', '--section', 'stores']);
  assert.equal(later.json, whole.json);
});

reading('a command that needs a position not read yet waits for it; the cursor starts at the end of the whole log', async () => {
  const source = await openSourceInChunks(path, () => undefined, chunk);
  const session = createSession(source, () => undefined);
  const last = await session.runWords(['goto', String(events.length - 3)]);
  assert.is(last.json.position, events.length - 3);
  assert.ok(source.events.length >= events.length - 3);
  const fresh = createSession(await openSourceInChunks(path, () => undefined, chunk), () => undefined);
  const end = await fresh.runWords(['show', '--section', 'ca']);
  assert.is(end.json.position, events.length);
  assert.is(end.json.checking, undefined);
  assert.is(fresh.cursor, events.length);
});

reading('a position past the end is refused with the log’s true end once the whole log is read', async () => {
  const session = createSession(await openSourceInChunks(path, () => undefined, chunk), () => undefined);
  try {
    await session.runWords(['goto', String(events.length + 1)]);
    assert.unreachable('goto past the end was answered');
  } catch (error) {
    assert.is(
      (error as Error).message,
      `goto (a position or an ISO time): expected a position from 0 to ${events.length}, found ${events.length + 1}`,
    );
  }
});

/** The log with one line near its end replaced. */
const damaged = (at: number, line: string) => writeLog([...lines.slice(0, at - 1), line, ...lines.slice(at)]);

reading('a line edited late in the log is refused with its line, as the store refuses it, after the first answer', async () => {
  const at = events.length - 5;
  const log = await damaged(at, lines[at - 1]!.replace('"AutoenrollmentRan"', '"AutoenrollmentRun"'));
  const source = await openSourceInChunks(log, () => undefined, chunk);
  const session = createSession(source, () => undefined);
  const first = await session.runWords(['goto', '1']);
  assert.ok(first.json.checking, 'the first answer came after the whole log was read');
  const refused = await source.reading!.done.then(
    () => undefined,
    (e: { code: string; message: string }) => e,
  );
  assert.equal({ code: refused!.code, message: refused!.message }, await storeRefusal(log));
  assert.match(refused!.message, new RegExp(`lab\\.jsonl:${at}: line ${at} was changed after it was written`));
  // Every command from then on fails with that error.
  const again = await session.runWords(['goto', '1']).then(
    () => undefined,
    (e: Error) => e,
  );
  assert.is(again?.message, refused!.message);
});

reading('an event that breaks a check late in the log stops the events there and is refused with the same message', async () => {
  const at = events.length - 2;
  const bad = { ...events[at - 1]!, position: at + 7 } as RecordedEvent;
  const log = await writeLog(chainedLines([...events.slice(0, at - 1), bad, ...events.slice(at)]));
  const source = await openSourceInChunks(log, () => undefined, chunk);
  const refused = await source.reading!.done.then(
    () => undefined,
    (e: { code: string; message: string }) => e,
  );
  assert.equal({ code: refused!.code, message: refused!.message }, await storeRefusal(log));
  assert.match(refused!.message, new RegExp(`lab\\.jsonl:${at}: position: expected ${at}`));
  assert.is(source.events.length, at - 1);
});

reading('a read that is stopped (its reader is done) ends before the end of the file and says it was stopped', async () => {
  const read = readLogInChunks(path, { chunkBytes: chunk });
  await read.until(2);
  read.stop();
  const stopped = await read.done.then(
    () => undefined,
    (e: { code: string }) => e,
  );
  assert.is(stopped?.code, 'READ_STOPPED');
  assert.ok(read.progress.bytes < read.progress.size);
  assert.ok(read.events.length < events.length);
});

reading('a read in chunks never writes and reads a missing file as an empty log', async () => {
  const missing = readLogInChunks('/nonexistent/pkilab/lab.jsonl');
  await missing.done;
  assert.equal(missing.events, []);
  assert.equal(missing.progress, { events: 0, bytes: 0, size: 0, complete: true });
});

reading.run();
